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
        let text = analyze(article)
        return claims(of: text, result: engine.run(text), doc: doc, blocks: article.blocks)
    }

    /// The claims of an analyzed text, from the engine's mentions; `blocks` lets a list
    /// item take its investor from the line that introduces the list.
    public func claims(of text: AnalyzedText, result: RuleEngine.Result, doc: DocumentID, blocks: [Block] = []) -> Claims {
        var builder = ClaimBuilder(text: text, mentions: result.mentions, doc: doc, blocks: blocks)
        return builder.build()
    }

    /// Runs the stages, for `explain`.
    public func run(_ text: AnalyzedText) -> RuleEngine.Result {
        engine.run(text)
    }
}
