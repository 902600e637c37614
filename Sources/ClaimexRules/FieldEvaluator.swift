import ClaimexText
import Foundation

/// Evaluates a rule's field expressions over a match: the named normalizers.
struct FieldEvaluator {
    let text: AnalyzedText
    let rules: RuleSet
    let mentions: [Mention]
    /// The page's tokens as vocabulary ids: lexicon columns are found through the
    /// compiled tries, comparing integers.
    let keys: PageKeys
    /// The earlier stages' mentions by first token (the matcher's), so that finding the
    /// mentions inside a match costs its length, not the number of mentions on the page.
    private let mentionsByStart: MentionStarts

    init(text: AnalyzedText, rules: RuleSet, mentions: [Mention], mentionsByStart: MentionStarts, keys: PageKeys) {
        self.text = text
        self.rules = rules
        self.mentions = mentions
        self.mentionsByStart = mentionsByStart
        self.keys = keys
    }

    /// The entity and money mentions that start at a token of `range` and end inside it.
    private func mentions(inside range: Range<Int>, into found: inout Set<Int>) {
        for start in range {
            for position in mentionsByStart.positions(of: start) {
                let index = mentionsByStart.mention(at: position)
                if mentions[index].stage < .roles && mentions[index].tokens.upperBound <= range.upperBound { found.insert(index) }
            }
        }
    }

    /// The value of `expression` over a match's `captures`; `captureLexicons` are the rule's
    /// (`Rule.captureLexicons`), the lexicons each capture may hold a phrase of.
    func evaluate(_ expression: FieldExpression, captures: [String: Range<Int>], captureLexicons: [String: [Int]]) -> FieldValue? {
        switch expression {
        case .constant(let value):
            return .text(value)
        case .call(let name, let arguments):
            // The first argument captured (and not empty), and the lexicons its capture names.
            var first: (name: String, range: Range<Int>)?
            for argument in arguments {
                if let range = captures[argument], !range.isEmpty {
                    first = (argument, range)
                    break
                }
            }
            var present: [Range<Int>] {
                arguments.compactMap { captures[$0] }.filter { !$0.isEmpty }
            }
            var preferred: [Int] { first.flatMap { captureLexicons[$0.name] } ?? [] }
            switch name {
            case "text":
                return first.flatMap { surface($0.range) }.map(FieldValue.text)
            case "lookup":
                for name in arguments {
                    if let range = captures[name], !range.isEmpty,
                       let value = column("value", of: range, preferring: captureLexicons[name] ?? []) {
                        return .text(value)
                    }
                }
                return nil
            case "canonical":
                guard let range = first?.range else { return nil }
                return .text(column("canonical", of: range, preferring: preferred) ?? Self.cleanName(surface(range) ?? ""))
            case "key":
                return first.flatMap { column("key", of: $0.range, preferring: preferred) }.map(FieldValue.text)
            case "join":
                let parts = present.compactMap(surface)
                return parts.isEmpty ? nil : .text(Self.cleanName(parts.joined(separator: " ")))
            case "number":
                return first.flatMap { number($0.range) }.map(FieldValue.number)
            case "scale":
                return first.flatMap { scale($0.range) }.map(FieldValue.number)
            case "amount":
                guard let first = arguments.first, let numberRange = captures[first], let value = number(numberRange) else { return nil }
                let factor = arguments.dropFirst().compactMap { captures[$0] }.filter { !$0.isEmpty }.first.flatMap(scale) ?? 1
                return .number(value * factor)
            case "mentions":
                // Every capture present counts: `mentions(investor, others)` joins two lists.
                let present = present
                guard !present.isEmpty else { return nil }
                var inside = Set<Int>()
                for range in present { mentions(inside: range, into: &inside) }
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
        guard !range.isEmpty else { return nil }
        let candidates = preferred.isEmpty ? Array(rules.lexicons.indices) : preferred
        // Lexicons are read in place, not copied: each holds a trie and thousands of rows.
        // The phrase covering the range is found by walking the lexicon's compiled trie
        // over the tokens' ids; its rows are those that end at the node reached.
        for index in candidates where rules.lexicons[index].columns.contains(name) || name == "canonical" {
            let trie = rules.tables.tries[index]
            var node = 0
            for token in range {
                guard let next = trie.step(node, trie.caseSensitive ? keys.text[token] : keys.lower[token]) else {
                    node = -1
                    break
                }
                node = next
            }
            guard node >= 0 else { continue }
            for entryIndex in rules.lexicons[index].entries(endingAt: node) {
                let entry = rules.lexicons[index].entries[entryIndex]
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

    /// A scale word's factor: from a lexicon `value` column (written the POSIX way:
    /// `1000000`, `0.5`), else the built-in scale words.
    func scale(_ range: Range<Int>) -> Decimal? {
        if let value = column("value", of: range, preferring: rules.lexiconIndex["scale-words"].map { [$0] } ?? []), let number = NumberParser.plainValue(of: value) {
            return number
        }
        let words = text.tokens[range].map(\.text)
        if words.count == 1 { return NumberWords.scale(of: words[0]) }
        return NumberWords.value(of: text.tokens[range].map(\.lower))
    }

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
