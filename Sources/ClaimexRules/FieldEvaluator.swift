import ClaimexText
import Foundation

/// Evaluates a rule's field expressions over a match: the named normalizers.
struct FieldEvaluator {
    let text: AnalyzedText
    let rules: RuleSet
    let mentions: [Mention]
    /// The indices of the mentions that start at each token, so that finding the mentions
    /// inside a match costs its length, not the number of mentions on the page.
    private let mentionsStartingAt: [Int: [Int]]

    init(text: AnalyzedText, rules: RuleSet, mentions: [Mention]) {
        self.text = text
        self.rules = rules
        self.mentions = mentions
        var starting: [Int: [Int]] = [:]
        for (index, mention) in mentions.enumerated() where mention.label != "SKIP" && mention.stage < .roles {
            starting[mention.tokens.lowerBound, default: []].append(index)
        }
        mentionsStartingAt = starting
    }

    func evaluate(_ expression: FieldExpression, captures: [String: Range<Int>], rule: Rule) -> FieldValue? {
        switch expression {
        case .constant(let value):
            return .text(value)
        case .call(let name, let arguments):
            let presentNames = arguments.filter { captures[$0].map { !$0.isEmpty } ?? false }
            let present = presentNames.compactMap { captures[$0] }
            let preferred = presentNames.first.flatMap { rule.captureLexicons[$0] } ?? []
            switch name {
            case "text":
                return present.first.flatMap(surface).map(FieldValue.text)
            case "lookup":
                for name in presentNames {
                    if let range = captures[name], let value = column("value", of: range, preferring: rule.captureLexicons[name] ?? []) {
                        return .text(value)
                    }
                }
                return nil
            case "canonical":
                guard let range = present.first else { return nil }
                return .text(column("canonical", of: range, preferring: preferred) ?? Self.cleanName(surface(range) ?? ""))
            case "key":
                return present.first.flatMap { column("key", of: $0, preferring: preferred) }.map(FieldValue.text)
            case "join":
                let parts = present.compactMap(surface)
                return parts.isEmpty ? nil : .text(Self.cleanName(parts.joined(separator: " ")))
            case "number":
                return present.first.flatMap(number).map(FieldValue.number)
            case "scale":
                return present.first.flatMap(scale).map(FieldValue.number)
            case "amount":
                guard let first = arguments.first, let numberRange = captures[first], let value = number(numberRange) else { return nil }
                let factor = arguments.dropFirst().compactMap { captures[$0] }.filter { !$0.isEmpty }.first.flatMap(scale) ?? 1
                return .number(value * factor)
            case "mentions":
                // Every capture present counts: `mentions(investor, others)` joins two lists.
                guard !present.isEmpty else { return nil }
                var inside = Set<Int>()
                for range in present {
                    for start in range {
                        for index in mentionsStartingAt[start] ?? [] where mentions[index].tokens.upperBound <= range.upperBound {
                            inside.insert(index)
                        }
                    }
                }
                let ordered = inside.sorted()
                return ordered.isEmpty ? nil : .mentions(ordered)
            default:
                return nil
            }
        }
    }

    /// The text of a token range as written.
    func surface(_ range: Range<Int>) -> String? {
        text.span(ofTokens: range).map { text.string($0) }
    }

    /// A column of the lexicon phrase that covers exactly `range`: from the lexicons the
    /// capture names when there are any, else from any lexicon.
    func column(_ name: String, of range: Range<Int>, preferring preferred: [Int] = []) -> String? {
        let candidates = preferred.isEmpty ? Array(rules.lexicons.indices) : preferred
        // Lexicons are read in place, not copied: each holds a trie and thousands of rows.
        for index in candidates where rules.lexicons[index].columns.contains(name) || name == "canonical" {
            for match in rules.lexicons[index].matches(in: text.tokens, at: range.lowerBound, limit: range.upperBound) where match.end == range.upperBound {
                let entry = rules.lexicons[index].entries[match.entry]
                if name == "canonical" { return entry["canonical"] ?? entry.phrase }
                if let value = entry[name] { return value }
            }
        }
        return nil
    }

    /// Digits (`1,200`, `2.5`) or written numbers (`two`, `half a`, `one and a half`).
    func number(_ range: Range<Int>) -> Decimal? {
        let tokens = text.tokens[range]
        if tokens.count == 1, let value = tokens.first?.numberValue { return value }
        let numberTokens = tokens.filter { $0.kind == .number }
        if numberTokens.count == 1, let value = numberTokens[0].numberValue,
           tokens.allSatisfy({ $0.kind == .number || $0.text == "," || $0.text == "." }) {
            return value
        }
        return NumberWords.value(of: tokens.map(\.lower))
    }

    /// A scale word's factor: from a lexicon `value` column, else the built-in scale words.
    func scale(_ range: Range<Int>) -> Decimal? {
        if let value = column("value", of: range, preferring: rules.lexiconIndex["scale-words"].map { [$0] } ?? []), let number = Decimal(string: value, locale: Self.posix) {
            return number
        }
        let words = text.tokens[range].map(\.text)
        if words.count == 1 { return NumberWords.scale(of: words[0]) }
        return NumberWords.value(of: text.tokens[range].map(\.lower))
    }

    /// Lexicon numbers are written the POSIX way (`1000000`, `0.5`).
    static let posix = Locale(identifier: "en_US_POSIX")

    /// A name as it should be recorded: no possessive, no leading "the", no edge punctuation.
    static func cleanName(_ name: String) -> String {
        var result = Lexicon.trimmed(name[...])
        for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] where result.hasSuffix(suffix) {
            result = String(result.dropLast(suffix.count))
            break
        }
        if result.lowercased().hasPrefix("the ") { result = String(result.dropFirst(4)) }
        return result[...].trimmingScalars { nameEdges.contains($0) }
    }

    /// What `cleanName` trims from the edges of a name after spaces, possessives and "the".
    private static let nameEdges: Set<Unicode.Scalar> = [" ", ",", ";", ":", "\"", "\u{201C}", "\u{201D}", "(", ")"]
}
