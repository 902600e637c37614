/// Something every match of a rule contains: a token whose lowercase text is one of
/// `lowers`, or one inside a mention with a label of `labels`. A rule is tried from a token
/// only when each of its requirements is met at that token or after it in the sentence, so
/// the sentences (and the ends of sentences) that cannot hold a match cost nothing.
///
/// Requirements come from the consuming parts of a pattern: a context (`(?= ...)`,
/// `(?<! ...)`) and an optional part never make one, and a part with alternatives makes one
/// only when every alternative has one.
struct Requirement: Sendable, Hashable {
    var lowers: Set<String> = []
    var labels: Set<String> = []

    /// Hashes a large word set by its size only: `lowers` may be a lexicon's first words,
    /// tens of thousands of them, and requirements are looked up by value while rules
    /// compile. Large sets of equal sizes are told apart by `==`.
    func hash(into hasher: inout Hasher) {
        if lowers.count <= 32 { hasher.combine(lowers) } else { hasher.combine(lowers.count) }
        hasher.combine(labels)
    }

    /// How often a requirement is met, roughly: few words are rarer than many, long words
    /// rarer than short ones, and any word rarer than a label. Of "an investment", the
    /// requirement is "investment".
    var breadth: Int {
        // A big lexicon's first words are many whatever they are: counted, not weighed.
        let words = lowers.count > 1_000 ? lowers.count : lowers.reduce(0) { $0 + Self.commonness($1) }
        return words + (labels.isEmpty ? 0 : 10_000)
    }

    /// Words found in nearly every sentence: a requirement of one of them gates nothing.
    static let functionWords: Set<String> = [
        "a", "an", "the", "of", "in", "into", "to", "and", "or", "for", "on", "at", "by", "with", "from", "as", "is",
        "are", "was", "were", "be", "been", "it", "its", "that", "this", "has", "have", "had", "said", "says", "which",
        "who", "their", "his", "her", "also", "not", ",", ".", "'s", "\u{2019}s", "-", "(", ")", "\"", "'",
    ]

    private static func commonness(_ word: String) -> Int {
        if functionWords.contains(word) { return 50 }
        return word.utf8.count <= 3 ? 5 : 1
    }

    /// A rule's requirements: a match holds all the requirements of one of the returned
    /// alternatives (one per alternative of a pattern written as `A | B | C`, else one).
    /// `narrowest` lists each alternative's narrowest first, at most `limit` of them; no
    /// alternatives means the rule requires nothing. `ordered` holds the same requirements
    /// of each alternative in the order the pattern meets them: a match meets them at
    /// tokens one after another, each after the one before (the parts of a sequence consume
    /// tokens in turn, and each requirement is met inside its own part).
    static func analyze(_ pattern: PatternNode, lexicons: [Lexicon], lexiconIndex: [String: Int],
                        limit: Int = 4) -> (narrowest: [[Requirement]], ordered: [[Requirement]]) {
        var branches = [pattern]
        if case .alternation(let alternatives) = pattern { branches = alternatives }
        var narrowest: [[Requirement]] = []
        var ordered: [[Requirement]] = []
        for branch in branches {
            // In pattern order; a requirement met twice counts at its first part.
            var found: [Requirement] = []
            for requirement in collect(branch, lexicons: lexicons, lexiconIndex: lexiconIndex) where !found.contains(requirement) {
                found.append(requirement)
            }
            // An alternative that requires nothing may match anywhere, and so may the rule.
            guard !found.isEmpty else { return ([], []) }
            let kept = found.sorted { a, b in
                if a.breadth != b.breadth { return a.breadth < b.breadth }
                return (a.lowers.sorted() + a.labels.sorted()).lexicographicallyPrecedes(b.lowers.sorted() + b.labels.sorted())
            }.prefix(limit)
            narrowest.append(Array(kept))
            ordered.append(found.filter { kept.contains($0) })
        }
        return (narrowest, ordered)
    }

    /// What every match of `node` contains (all of them).
    private static func collect(_ node: PatternNode, lexicons: [Lexicon], lexiconIndex: [String: Int]) -> [Requirement] {
        switch node {
        case .token(let test):
            return narrowest(of: test).map { [$0] } ?? []
        case .lexicon(let name):
            guard let index = lexiconIndex[name] else { return [] }
            return [Requirement(lowers: lexicons[index].firstWords)]
        case .mention(let label):
            return [Requirement(labels: [label])]
        case .sequence(let parts):
            return parts.flatMap { collect($0, lexicons: lexicons, lexiconIndex: lexiconIndex) }
        case .alternation(let branches):
            // One requirement met by whichever alternative matched: each one's narrowest.
            var merged = Requirement()
            for branch in branches {
                guard let best = collect(branch, lexicons: lexicons, lexiconIndex: lexiconIndex).min(by: { $0.breadth < $1.breadth }) else {
                    return []
                }
                merged.lowers.formUnion(best.lowers)
                merged.labels.formUnion(best.labels)
            }
            return [merged]
        case .repetition(let inner, let min, _):
            return min > 0 ? collect(inner, lexicons: lexicons, lexiconIndex: lexiconIndex) : []
        case .capture(_, let inner):
            return collect(inner, lexicons: lexicons, lexiconIndex: lexiconIndex)
        case .lookaround:
            return []
        }
    }

    /// The narrowest requirement a token passing `test` meets, if it names words or labels.
    private static func narrowest(of test: TokenTest) -> Requirement? {
        var best: Requirement?
        for condition in test.conditions {
            let candidate: Requirement
            switch condition {
            case .lower(let values, false): candidate = Requirement(lowers: values)
            case .text(let values, false): candidate = Requirement(lowers: Set(values.map { $0.lowercased() }))
            case .inMention(let labels, false): candidate = Requirement(labels: labels)
            default: continue
            }
            if best == nil || candidate.breadth < best!.breadth { best = candidate }
        }
        return best
    }
}
