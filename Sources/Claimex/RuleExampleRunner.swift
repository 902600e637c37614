import ClaimexExtract
import ClaimexModel
import ClaimexOutput
import ClaimexRules
import ClaimexText
import Foundation

/// Runs the examples every rule carries, as `claimex rules test` and `swift test` do.
///
/// An example's text goes through every stage of the whole rule set. A positive example
/// passes when the rule fires and every expected record is among the records made (only
/// the fields it lists are compared); a negative example passes when the rule does not
/// fire. Each example runs a second time behind a prefix of emoji and CJK text, which must
/// shift every offset by exactly the prefix's length in code points.
public struct RuleExampleRunner: Sendable {
    /// The result of one example.
    public struct Outcome: Sendable {
        public let rule: String
        public let example: RuleExample
        /// Empty when the example passed; otherwise what went wrong, one problem a line.
        public let problems: [String]
        /// The records made, for the failure report.
        public let records: [String]
        /// The tokens of the text with their attributes, for the failure report.
        public let tokens: [String]

        public var passed: Bool { problems.isEmpty }
    }

    /// The prefix each example is run behind: emoji with a skin tone, a flag and CJK.
    public static let offsetPrefix = "🚀👍🏽🇯🇵 日本語のテキスト。 "

    public let rules: RuleSet
    private let extractor: ClaimExtractor

    public init(rules: RuleSet) {
        self.rules = rules
        extractor = ClaimExtractor(rules: rules)
    }

    /// Every example of every rule (or of the rules whose id starts with `filter`).
    public func runAll(filter: String? = nil) -> [Outcome] {
        rules.rules.filter { filter == nil || $0.id.hasPrefix(filter!) }.flatMap { rule in
            rule.examples.map { run($0, of: rule) }
        }
    }

    /// One example.
    public func run(_ example: RuleExample, of rule: Rule) -> Outcome {
        let plain = evaluate(example.text)
        var problems = check(example, rule: rule, run: plain, shift: 0)
        if !example.isTodo {
            let prefixed = evaluate(Self.offsetPrefix + example.text)
            let shift = Self.offsetPrefix.unicodeScalars.count
            problems += check(example, rule: rule, run: prefixed, shift: shift).map { "behind an emoji and CJK prefix: " + $0 }
        }
        return Outcome(rule: rule.id, example: example, problems: example.isTodo ? [] : problems,
                       records: plain.records.map { $0.serialized() }, tokens: plain.tokens)
    }

    /// An example's blocks: parts separated by a blank line, those starting with "- " list items.
    static func blocks(of text: String) -> [Block] {
        var blocks: [Block] = []
        var start = 0
        for part in text.components(separatedBy: "\n\n") {
            let length = part.unicodeScalars.count
            if length > 0 {
                blocks.append(Block(kind: part.hasPrefix("- ") ? .listItem : .paragraph, span: TextSpan(start, start + length)))
            }
            start += length + 2
        }
        return blocks
    }

    struct Run {
        let records: [JSONValue]
        let firedRules: Set<String>
        let tokens: [String]
    }

    func evaluate(_ text: String) -> Run {
        let article = Article(metadata: ArticleMetadata(), text: text, blocks: Self.blocks(of: text))
        let analyzed = extractor.analyze(article)
        let result = extractor.run(analyzed)
        let doc = DocumentID(of: Array(text.utf8))
        let claims = extractor.claims(of: analyzed, result: result, doc: doc, blocks: article.blocks)
        let document = DocumentClaims(doc: doc, path: "example", article: article, claims: claims)
        let records = Array(RecordEncoder().records(for: DocumentResult(path: "example", outcome: .extracted(document))).dropFirst())
        let tokens = analyzed.tokens.map { token in
            "\(token.text)[\(token.kind.rawValue)\(token.isCapitalized ? ",cap" : "")\(token.spaceBefore ? "" : ",nospace")\(token.numberValue.map { ",value=\($0)" } ?? "")]"
        }
        return Run(records: records, firedRules: Set(result.mentions.map(\.rule)), tokens: tokens)
    }

    private func check(_ example: RuleExample, rule: Rule, run: Run, shift: Int) -> [String] {
        var problems: [String] = []
        let fired = run.firedRules.contains(rule.id)
        if example.expect.isEmpty {
            if fired { problems.append("the rule fired on a negative example") }
            return problems
        }
        if !fired { problems.append("the rule did not fire") }
        for expected in example.expect {
            if !run.records.contains(where: { Self.matches(expected, $0, shift: shift) }) {
                problems.append("expected " + Self.describe(expected) + ", not found")
            }
        }
        return problems
    }

    static func describe(_ record: ExpectedRecord) -> String {
        "{" + record.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// Whether a record has every field the expectation lists, with the same value.
    static func matches(_ expected: ExpectedRecord, _ record: JSONValue, shift: Int) -> Bool {
        guard case .object(let members) = record else { return false }
        for (name, value) in expected {
            let actual = members.first { $0.0 == name }?.1 ?? .null
            if !same(value, actual, shift: ["span", "mentions"].contains(name) ? shift : 0) { return false }
        }
        return true
    }

    static func same(_ expected: ExampleValue, _ actual: JSONValue, shift: Int) -> Bool {
        switch (expected, actual) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .decimal(let b)): return a + Decimal(shift) == b || (shift == 0 && a == b)
        case (.number(let a), .int(let b)): return a + Decimal(shift) == Decimal(b)
        case (.string(let a), .string(let b)): return a == b
        case (.string(let a), .object(let members)):
            // A party given by name or key.
            return members.contains { ($0.0 == "name" || $0.0 == "key") && $0.1 == .string(a) }
        case (.object(let wanted), .object(let members)):
            return wanted.allSatisfy { key, value in
                same(value, members.first { $0.0 == key }?.1 ?? .null, shift: key == "span" ? shift : 0)
            }
        case (.list(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { same($0, $1, shift: shift) }
        default: return false
        }
    }
}
