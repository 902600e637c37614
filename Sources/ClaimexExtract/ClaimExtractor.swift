import ClaimexModel
import ClaimexRules
import ClaimexText
import Foundation

/// Turns an article into claims: tokenizes it, runs the rule stages, and builds the
/// contract's records from the mentions: entities resolved within the document, money
/// amounts with their roles, and one investment edge per investor.
public struct ClaimExtractor: Sendable {
    /// The compiled rules.
    public let rules: RuleSet
    private let engine: RuleEngine
    private let tokenizer: Tokenizer

    /// Creates an extractor for a rule set.
    public init(rules: RuleSet) {
        self.rules = rules
        engine = RuleEngine(rules: rules)
        tokenizer = rules.tokenizer
    }

    /// Tokens and sentences of an article, sentences kept within blocks.
    public func analyze(_ article: Article) -> AnalyzedText {
        tokenizer.analyze(article.text, blocks: article.blocks.map(\.span))
    }

    /// The claims of an article.
    public func claims(of article: Article, doc: DocumentID) -> Claims {
        do {
            return try claims(of: article, doc: doc, deadline: .none)
        } catch {
            preconditionFailure("claims without a deadline stopped: \(error)")
        }
    }

    /// The claims of an article, checking `deadline` sentence by sentence and record by
    /// record; throws when it passes.
    public func claims(of article: Article, doc: DocumentID, deadline: Deadline) throws(PageAbandoned) -> Claims {
        let text = analyze(article)
        try deadline.check("splitting the text into \(text.sentences.count) sentences")
        let result = try engine.run(text, deadline: deadline)
        var builder = ClaimBuilder(text: text, mentions: result.mentions, doc: doc, blocks: article.blocks, deadline: deadline)
        return try builder.build()
    }

    /// The claims of an analyzed text, from the engine's mentions; `blocks` lets a list
    /// item take its investor from the line that introduces the list.
    public func claims(of text: AnalyzedText, result: RuleEngine.Result, doc: DocumentID, blocks: [Block] = []) -> Claims {
        var builder = ClaimBuilder(text: text, mentions: result.mentions, doc: doc, blocks: blocks)
        do {
            return try builder.build()
        } catch {
            preconditionFailure("claims without a deadline stopped: \(error)")
        }
    }

    /// Runs the stages, for `explain`.
    public func run(_ text: AnalyzedText) -> RuleEngine.Result {
        engine.run(text)
    }
}
