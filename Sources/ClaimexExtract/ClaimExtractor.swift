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

    /// Articles longer than this many scalars are read in windows (see `defaultWindowScalars`).
    public let windowScalars: Int

    /// Creates an extractor for a rule set.
    public init(rules: RuleSet, windowScalars: Int = ClaimExtractor.defaultWindowScalars) {
        self.rules = rules
        self.windowScalars = windowScalars
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

    /// Articles longer than this many scalars are read in windows of about this size,
    /// cut between blocks, so that tokens and mentions are held for one window at a time:
    /// a page of 50 MB of text needs the memory of its records, not of 10 million tokens.
    /// News articles are far shorter and are read whole.
    public static let defaultWindowScalars = 200_000

    /// The claims of an article, checking `deadline` sentence by sentence and record by
    /// record; throws when it passes.
    public func claims(of article: Article, doc: DocumentID, deadline: Deadline) throws(PageAbandoned) -> Claims {
        let windows = Self.windows(of: article.blocks, limit: windowScalars)
        guard windows.count > 1 else {
            let text = analyze(article)
            try deadline.check("splitting the text into \(text.sentences.count) sentences")
            let result = try engine.run(text, deadline: deadline)
            var builder = ClaimBuilder(text: text, mentions: result.mentions, doc: doc, blocks: article.blocks, deadline: deadline)
            return try builder.build()
        }
        // A window is analyzed as a text of its own; its records are shifted back to the
        // article's offsets. Entities named in several windows become one record.
        let scalars = article.text.unicodeScalars
        // Walked forward once: moving a String index is linear in the distance.
        var cursor = scalars.startIndex
        var cursorOffset = 0
        var merged = Claims()
        var entityIndex: [String: Int] = [:]
        for (number, window) in windows.enumerated() {
            try deadline.check("reading window \(number + 1) of \(windows.count) of a long article")
            let blocks = article.blocks[window]
            let base = blocks.first!.span.start
            let start = scalars.index(cursor, offsetBy: base - cursorOffset)
            let end = scalars.index(start, offsetBy: blocks.last!.span.end - base)
            (cursor, cursorOffset) = (end, blocks.last!.span.end)
            let windowText = String(String.UnicodeScalarView(scalars[start..<end]))
            let windowBlocks = blocks.map { Block(kind: $0.kind, span: $0.span.shifted(by: -base), level: $0.level) }
            let text = tokenizer.analyze(windowText, blocks: windowBlocks.map(\.span))
            let result = try engine.run(text, deadline: deadline)
            var builder = ClaimBuilder(text: text, mentions: result.mentions, doc: doc, blocks: windowBlocks, base: base, deadline: deadline)
            let claims = try builder.build()
            for entity in claims.entities {
                if let index = entityIndex[entity.key] {
                    let first = merged.entities[index]
                    merged.entities[index] = EntityClaim(id: first.id, rule: first.rule, type: first.type, name: first.name,
                                                         key: first.key, mentions: first.mentions + entity.mentions)
                } else {
                    entityIndex[entity.key] = merged.entities.count
                    merged.entities.append(entity)
                }
            }
            merged.money += claims.money
            merged.investments += claims.investments
        }
        return merged
    }

    /// Runs of consecutive blocks of at most `limit` scalars each (a longer block is a
    /// run of its own), as index ranges into `blocks`.
    static func windows(of blocks: [Block], limit: Int) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        var start = 0
        for index in blocks.indices where index > start {
            if blocks[index].span.end - blocks[start].span.start > limit {
                windows.append(start..<index)
                start = index
            }
        }
        if start < blocks.count { windows.append(start..<blocks.count) }
        return windows
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
