import ClaimexText

/// The strings that rules and lexicons compare tokens with, each given a small integer
/// when the rules are compiled. A page's tokens are looked up once each, and from then on
/// every test and lexicon step compares integers instead of hashing strings.
final class Vocabulary {
    private(set) var ids: [String: Int32] = [:]
    /// Token tests compiled so far: a named sub-pattern used by many rules, or repeated
    /// inside one, is compiled once.
    var compiledTests: [TokenTest: CompiledTest] = [:]
    /// The shapes token tests compare (`ddd`, `Xxxxx`).
    var shapes: Set<String> = []

    /// The id of `word`, assigning the next one when it is new.
    func intern(_ word: String) -> Int32 {
        ids.value(for: word, addingIfAbsent: Int32(ids.count))
    }

    /// Makes room for `count` words in all.
    func reserveCapacity(_ count: Int) {
        ids.reserveCapacity(count)
    }
}

/// A set of vocabulary ids, kept sorted: test values are few, so a binary search over a
/// small array beats hashing.
struct WordSet: Sendable {
    let ids: [Int32]

    init(_ words: Set<String>, vocabulary: Vocabulary) {
        ids = words.map(vocabulary.intern).sorted()
    }

    /// Ids already sorted, each once.
    init(sortedIDs: [Int32]) {
        ids = sortedIDs
    }
}

/// The mention labels as bits of a mask: a token's labels and a test's labels meet when
/// their masks share a bit.
enum LabelBits {
    /// Every label a stage can make, in a fixed order.
    static let all: [String] = Stage.allCases.flatMap { $0.labels.sorted() }.reduce(into: []) { labels, label in
        if !labels.contains(label) { labels.append(label) }
    }
    private static let bitOf: [String: UInt64] = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($0.element, UInt64(1) << UInt64($0.offset)) })

    /// The mask of `label` (0 for a label no stage makes, which then matches nothing).
    static func mask(_ label: String) -> UInt64 { bitOf[label] ?? 0 }

    /// The mask of several labels, `ENTITY` standing for every entity label.
    static func mask(_ labels: Set<String>) -> UInt64 {
        var mask: UInt64 = 0
        for label in labels {
            if label == "ENTITY" {
                for entity in Stage.entityLabels { mask |= self.mask(entity) }
            } else {
                mask |= self.mask(label)
            }
        }
        return mask
    }

    /// The bit positions set in `mask`, lowest first: the indices of tables by label bit.
    static func bits(of mask: UInt64) -> [Int] {
        var bits: [Int] = []
        var rest = mask
        while rest != 0 {
            bits.append(rest.trailingZeroBitCount)
            rest &= rest - 1
        }
        return bits
    }
}

/// A lexicon's trie over vocabulary ids: its edges in one open-addressing table keyed by
/// (node, word), so a step is a multiply and a probe or two.
struct LexiconTrie: Sendable {
    /// Whether the lexicon compares token text (else lowercase text).
    let caseSensitive: Bool
    /// Whether each node ends a phrase.
    private let terminal: [Bool]
    private let keys: [UInt64]
    private let targets: [Int32]
    private let mask: Int
    private static let empty = UInt64.max

    init(_ lexicon: Lexicon, vocabulary: Vocabulary) {
        caseSensitive = lexicon.caseSensitive
        let edges = lexicon.trieEdges
        var capacity = 16
        while capacity < edges.count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: Self.empty, count: capacity)
        var targets = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for edge in edges {
            let key = Self.key(node: edge.node, word: vocabulary.intern(edge.word))
            var slot = Self.slot(key, mask: mask)
            while keys[slot] != Self.empty { slot = (slot + 1) & mask }
            keys[slot] = key
            targets[slot] = Int32(edge.target)
        }
        self.keys = keys
        self.targets = targets
        self.mask = mask
        terminal = lexicon.terminalNodes
    }

    private static func key(node: Int, word: Int32) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: node)) << 32 | UInt64(UInt32(bitPattern: word))
    }

    private static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The node reached from `node` by `word`, or nil.
    @inline(__always)
    func step(_ node: Int, _ word: Int32) -> Int? {
        guard word >= 0 else { return nil }
        let key = Self.key(node: node, word: word)
        var slot = Self.slot(key, mask: mask)
        while true {
            let found = keys[slot]
            if found == key { return Int(targets[slot]) }
            if found == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `node` ends a phrase.
    @inline(__always)
    func isTerminal(_ node: Int) -> Bool { terminal[node] }

    /// Calls `body` with every word a phrase may begin with, and whether that word alone
    /// is a phrase.
    func forEachFirstWord(_ body: (_ word: Int32, _ isPhrase: Bool) -> Void) {
        for (slot, key) in keys.enumerated() where key != Self.empty && key >> 32 == 0 {
            body(Int32(bitPattern: UInt32(truncatingIfNeeded: key)), terminal[Int(targets[slot])])
        }
    }

    /// Calls `body` with the end of every phrase that matches from `start` (before `limit`).
    @inline(__always)
    func forEachEnd(_ keys: PageKeys, at start: Int, limit: Int, _ body: (Int) -> Void) {
        var node = 0
        var index = start
        while index < limit {
            guard let next = step(node, caseSensitive ? keys.text[index] : keys.lower[index]) else { return }
            node = next
            index += 1
            if terminal[node] { body(index) }
        }
    }
}

/// The vocabulary frozen for matching: an open-addressing table over the words' UTF-8
/// bytes with an FNV-1a hash, looked up twice for every token of every page, where a
/// dictionary of strings would run a keyed hash over each.
struct WordTable: Sendable {
    /// Every word's bytes, one after another; word `id` spans `starts[id]..<starts[id + 1]`.
    private let bytes: [UInt8]
    private let starts: [Int32]
    /// Per slot: a word's hash (high half), which rejects most other words at once, and
    /// its id (low half; `empty` when the slot is free), side by side so that a probe
    /// reads one place.
    private let slots: [UInt64]
    private let mask: Int
    private static let empty = UInt64(UInt32.max)

    /// How many words there are (ids 0 ..< count).
    var count: Int { starts.count - 1 }

    /// `ids` numbers the words 0 ..< count, as `Vocabulary` does.
    init(_ ids: [String: Int32]) {
        var words = [String](repeating: "", count: ids.count)
        for (word, id) in ids { words[Int(id)] = word }
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        for word in words {
            bytes.append(contentsOf: word.utf8)
            starts.append(Int32(bytes.count))
        }
        var capacity = 16
        while capacity < words.count * 2 { capacity <<= 1 }
        var slots = [UInt64](repeating: Self.empty, count: capacity)
        let mask = capacity - 1
        bytes.withUnsafeBufferPointer { all in
            for id in words.indices {
                let hash = Self.hash(UnsafeBufferPointer(rebasing: all[Int(starts[id])..<Int(starts[id + 1])]))
                var slot = Int(hash) & mask
                while slots[slot] != Self.empty { slot = (slot + 1) & mask }
                slots[slot] = UInt64(hash) << 32 | UInt64(UInt32(id))
            }
        }
        self.bytes = bytes
        self.starts = starts
        self.slots = slots
        self.mask = mask
    }

    /// FNV-1a over the bytes, folded to 32 bits.
    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    /// The id of `word`, or -1 when no rule or lexicon names it.
    func id(of word: String) -> Int32 {
        if let found = word.utf8.withContiguousStorageIfAvailable({ id(of: $0) }) { return found }
        return Array(word.utf8).withUnsafeBufferPointer { id(of: $0) }
    }

    private func id(of word: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(word)
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == Self.empty { return -1 }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let id = Int32(truncatingIfNeeded: entry)
                let start = Int(starts[Int(id)]), end = Int(starts[Int(id) + 1])
                if end - start == word.count && bytes.withUnsafeBufferPointer({ all in
                    word.indices.allSatisfy { all[start + $0] == word[$0] }
                }) { return id }
            }
            slot = (slot + 1) & mask
        }
    }
}

/// What matching needs of the rules beyond their programs: the vocabulary and the
/// lexicon tries over it.
struct MatchTables: Sendable {
    let vocabulary: WordTable
    let tries: [LexiconTrie]
    /// Which tokens' shapes are looked up; nil when no test compares shapes.
    let shapeFilter: ShapeFilter?
    /// Per vocabulary id, the lexicons (bit `index`, for the first 64) with a phrase that
    /// begins with the word, and those of which the word alone is a phrase: a page looks
    /// each token up here once, and a lexicon step or test at a token no phrase begins
    /// with costs a bit test, not a probe of the lexicon's trie. A case-sensitive
    /// lexicon's bits are set at the ids of token text, the others' at lowercase ids.
    let phraseStarts: [UInt64]
    let phraseWords: [UInt64]
    /// The bits of case-sensitive lexicons.
    let caseSensitiveLexicons: UInt64

    /// The lexicons, past the first 64, that have no bit in the masks.
    static let maskedLexicons = 64

    init(vocabulary: WordTable, tries: [LexiconTrie], shapeFilter: ShapeFilter?) {
        self.vocabulary = vocabulary
        self.tries = tries
        self.shapeFilter = shapeFilter
        var starts = [UInt64](repeating: 0, count: vocabulary.count)
        var words = [UInt64](repeating: 0, count: vocabulary.count)
        var caseSensitive: UInt64 = 0
        for (index, trie) in tries.enumerated().prefix(Self.maskedLexicons) {
            let bit = UInt64(1) << UInt64(index)
            if trie.caseSensitive { caseSensitive |= bit }
            trie.forEachFirstWord { word, isPhrase in
                starts[Int(word)] |= bit
                if isPhrase { words[Int(word)] |= bit }
            }
        }
        phraseStarts = starts
        phraseWords = words
        caseSensitiveLexicons = caseSensitive
    }

    /// Whether lexicon `index` may have a phrase starting at a token whose mask (from
    /// `phraseStarts`, or `phraseWords` for one-word phrases) is `mask`.
    @inline(__always)
    static func lexicon(_ index: Int, in mask: UInt64) -> Bool {
        index >= maskedLexicons || mask & (UInt64(1) << UInt64(index)) != 0
    }
}

/// The characters of the shapes token tests compare. A token whose shape holds any other
/// character passes no shape test, so its shape is neither made nor looked up: with tests
/// of digit shapes (`ddd,dd`), every word is passed over by reading its bytes.
struct ShapeFilter: Sendable {
    /// Indexed by ASCII byte.
    private let ascii: [Bool]

    /// A filter for tests comparing `shapes`; nil when there are none.
    init?(shapes: Set<String>) {
        guard !shapes.isEmpty else { return nil }
        var ascii = [Bool](repeating: false, count: 128)
        for shape in shapes {
            for byte in shape.utf8 where byte < 0x80 { ascii[Int(byte)] = true }
        }
        self.ascii = ascii
    }

    /// Whether the shape of `text` may be one the tests compare: false when an ASCII
    /// character of it maps to a shape character no compared shape holds. Text with other
    /// characters is left to the lookup.
    func mayCompare(_ text: String) -> Bool {
        let answer = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes {
                guard byte < 0x80 else { return true }
                if !ascii[Int(Token.shapeCharacter(ofASCII: byte))] { return false }
            }
            return true
        }
        return answer ?? true
    }
}

/// A page's tokens as matching sees them: vocabulary ids (-1 for a word no rule or lexicon
/// names) and flag bits, computed once per page.
struct PageKeys {
    var text: [Int32] = []
    var lower: [Int32] = []
    var shape: [Int32] = []
    var flags: [UInt8] = []
    /// Each token's kind as its `CompiledTest.kindBit`: read beside the ids, where the
    /// token itself would be a cache line of its own.
    var kinds: [UInt8] = []
    /// Each token's lexicon masks (`MatchTables.phraseStarts` and `phraseWords`).
    var phraseStarts: [UInt64] = []
    var phraseWords: [UInt64] = []

    static let capitalized: UInt8 = 1
    static let upper: UInt8 = 2
    static let spaceBefore: UInt8 = 4

    init(tokens: [Token], tables: MatchTables) {
        text.reserveCapacity(tokens.count)
        lower.reserveCapacity(tokens.count)
        flags.reserveCapacity(tokens.count)
        kinds.reserveCapacity(tokens.count)
        phraseStarts.reserveCapacity(tokens.count)
        phraseWords.reserveCapacity(tokens.count)
        if tables.shapeFilter != nil { shape.reserveCapacity(tokens.count) }
        let caseSensitive = tables.caseSensitiveLexicons
        for token in tokens {
            let textID = tables.vocabulary.id(of: token.text)
            text.append(textID)
            let lowerID = token.lower == token.text ? textID : tables.vocabulary.id(of: token.lower)
            lower.append(lowerID)
            var starts: UInt64 = 0, words: UInt64 = 0
            if textID >= 0 {
                starts = tables.phraseStarts[Int(textID)] & caseSensitive
                words = tables.phraseWords[Int(textID)] & caseSensitive
            }
            if lowerID >= 0 {
                starts |= tables.phraseStarts[Int(lowerID)] & ~caseSensitive
                words |= tables.phraseWords[Int(lowerID)] & ~caseSensitive
            }
            phraseStarts.append(starts)
            phraseWords.append(words)
            if let filter = tables.shapeFilter {
                shape.append(filter.mayCompare(token.text) ? tables.vocabulary.id(of: token.shape) : -1)
            }
            var bits: UInt8 = 0
            if token.isCapitalized {
                bits |= Self.capitalized
                if token.lower != token.text && Self.hasNoLowercase(token.text) { bits |= Self.upper }
            }
            if token.spaceBefore { bits |= Self.spaceBefore }
            flags.append(bits)
            kinds.append(CompiledTest.kindBit(token.kind))
        }
        if tables.shapeFilter == nil { shape = [Int32](repeating: -1, count: tokens.count) }
    }

    /// Whether uppercasing `text` would leave it as it is: ASCII text is read byte by byte,
    /// the rest is uppercased and compared.
    static func hasNoLowercase(_ text: String) -> Bool {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte >= 0x61 && byte <= 0x7A { return false }
            }
            return true
        }
        if let ascii = ascii ?? nil { return ascii }
        return text.uppercased() == text
    }
}

/// Lists of indices keyed by vocabulary id, all in one flat array: a lookup is two loads,
/// where a dictionary would hash the id.
struct WordIndex: Sendable {
    /// Where each id's list starts in `values`; an id's list ends where the next one's starts.
    private let starts: [Int32]
    private let values: [Int32]

    /// The lists of `(id, value)` pairs: each id's values in the order of `pairs`.
    init(pairs: [(id: Int32, value: Int)]) {
        let count = Int(pairs.lazy.map(\.id).max() ?? -1) + 1
        var starts = [Int32](repeating: 0, count: count + 1)
        for pair in pairs { starts[Int(pair.id) + 1] += 1 }
        for id in 0..<count { starts[id + 1] += starts[id] }
        var next = starts
        var values = [Int32](repeating: 0, count: pairs.count)
        for pair in pairs {
            values[Int(next[Int(pair.id)])] = Int32(pair.value)
            next[Int(pair.id)] += 1
        }
        self.starts = starts
        self.values = values
    }

    /// Where the list of `id` lies in `values` (empty for an unknown word, -1).
    @inline(__always)
    func positions(of id: Int32) -> Range<Int> {
        guard id >= 0, Int(id) + 1 < starts.count else { return 0..<0 }
        return Int(starts[Int(id)])..<Int(starts[Int(id) + 1])
    }

    /// The index at `position` of some list.
    @inline(__always)
    func value(at position: Int) -> Int { Int(values[position]) }
}

/// One stage's rules, arranged for matching: which rules may start at a token, found by
/// its lowercase word, by the labels of the mentions starting there, or at any token.
struct StagePlan: Sendable {
    let rules: [Rule]
    let programs: [Program]
    let anyToken: [Int]
    /// For each rule of `anyToken`, the test its first token must pass: one of the tests
    /// its program can start with (its other starts, lexicons and mentions, are in `byWord`
    /// and `byLabel`); nil when the rule could match without consuming a token and must
    /// always be tried.
    let firstTests: [Int?]
    /// The tests of `firstTests`.
    let firstTestTable: TestTable
    let byWord: WordIndex
    /// Indexed by label bit.
    let byLabel: [[Int]]
    /// The requirements of the stage's rules, each once: for each rule, the indices of
    /// its own, per alternative, in the order a match meets them (`Rule.orderedRequirements`);
    /// for a word (lowercase id) and for a label bit, those they meet.
    let requirementsOfRule: RequirementChains
    let requirementCount: Int
    let requirementsByWord: WordIndex
    let requirementsByLabel: [[Int]]

    init(rules: [Rule], vocabulary: Vocabulary) {
        self.rules = rules
        programs = rules.map(\.program)
        var anyToken: [Int] = []
        var byWord: [(id: Int32, value: Int)] = []
        var byLabel = [[Int]](repeating: [], count: 64)
        for (index, rule) in rules.enumerated() {
            if rule.firstSet.anyToken { anyToken.append(index) }
            for word in rule.firstSet.lowers { byWord.append((vocabulary.intern(word), index)) }
            for bit in LabelBits.bits(of: LabelBits.mask(rule.firstSet.labels)) { byLabel[bit].append(index) }
        }
        self.anyToken = anyToken
        var firstTests: [Int?] = [], tests: [CompiledTest] = []
        for rule in anyToken {
            guard let starts = Self.firstTests(of: rules[rule].program) else { firstTests.append(nil); continue }
            firstTests.append(tests.count)
            tests.append(starts.count == 1 ? starts[0] : CompiledTest.either(starts))
        }
        self.firstTests = firstTests
        firstTestTable = TestTable(tests)
        self.byWord = WordIndex(pairs: byWord)
        self.byLabel = byLabel

        var numbered: [Requirement: Int] = [:]
        var requirementsByWord: [(id: Int32, value: Int)] = []
        var requirementsByLabel = [[Int]](repeating: [], count: 64)
        requirementsOfRule = RequirementChains(rules.map { rule in
            rule.orderedRequirements.map { alternative in
                alternative.map { requirement in
                    if let index = numbered[requirement] { return index }
                    let index = numbered.count
                    numbered[requirement] = index
                    for word in requirement.lowers { requirementsByWord.append((vocabulary.intern(word), index)) }
                    for bit in LabelBits.bits(of: LabelBits.mask(requirement.labels)) { requirementsByLabel[bit].append(index) }
                    return index
                }
            }
        })
        requirementCount = numbered.count
        self.requirementsByWord = WordIndex(pairs: requirementsByWord)
        self.requirementsByLabel = requirementsByLabel
    }

    /// For each requirement, every token of the sentence `tokens` that meets it, in order,
    /// written into `meetings`.
    func findMeetings(in tokens: Range<Int>, keys: PageKeys, labelsAt: [UInt64], into meetings: inout RequirementMeetings) {
        meetings.reset()
        guard requirementCount > 0 else { return }
        for token in tokens {
            for position in requirementsByWord.positions(of: keys.lower[token]) {
                meetings.add(requirementsByWord.value(at: position), at: token)
            }
            var labels = labelsAt[token]
            while labels != 0 {
                for requirement in requirementsByLabel[labels.trailingZeroBitCount] { meetings.add(requirement, at: token) }
                labels &= labels - 1
            }
        }
    }

    /// Whether everything one alternative of `rule` requires is met from `start` on in the
    /// order the pattern meets it: each requirement at a token after the one that met the
    /// requirement before (`meetings` from `findMeetings`). A finer test than `lastStarts`,
    /// run just before the matcher would be.
    func requirementsFollow(_ rule: Int, from start: Int, meetings: borrowing RequirementMeetings) -> Bool {
        requirementsOfRule.withChains(of: rule) { chains in
            if chains.isEmpty { return true }
            alternatives: for chain in chains {
                var next = start
                for requirement in chain {
                    guard let token = meetings.first(requirement, atOrAfter: next) else { continue alternatives }
                    next = token + 1
                }
                return true
            }
            return false
        }
    }

    /// For each rule, the last start token from which everything one of its alternatives
    /// requires is still met (at or after the start), given `meetings` from `findMeetings`:
    /// the latest, over its alternatives, of the earliest last meeting of their requirements.
    /// `Int.max` for a rule that requires nothing. A rule may match from `start` when
    /// `start <= lastStart[rule]`; worked out once a sentence instead of once a token.
    /// Returns the latest of them all: no rule may match from a later start.
    @discardableResult
    func lastStarts(meetings: borrowing RequirementMeetings, into lastStart: inout [Int]) -> Int {
        var latestOfAll = Int.min
        for rule in 0..<requirementsOfRule.ruleCount {
            let latest = requirementsOfRule.withChains(of: rule) { alternatives -> Int in
                guard !alternatives.isEmpty else { return Int.max }
                var latest = Int.min
                for alternative in alternatives {
                    var earliest = Int.max
                    for requirement in alternative { earliest = min(earliest, meetings.last(requirement)) }
                    latest = max(latest, earliest)
                }
                return latest
            }
            lastStart[rule] = latest
            latestOfAll = max(latestOfAll, latest)
        }
        return latestOfAll
    }

    /// The token tests a program can consume its first token with, or nil when it can
    /// reach its end without consuming one.
    static func firstTests(of program: Program) -> [CompiledTest]? {
        var tests: [CompiledTest] = []
        var seen: Set<Int> = []
        var pending = [0]
        while let pc = pending.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch program.instructions[pc] {
            case .token(let test): tests.append(program.tests[test])
            case .lexicon, .mention: break
            case .split(let first, let second): pending += [first, second]
            case .jump(let target): pending.append(target)
            // A context consumes nothing: the token after it is still the first.
            case .save, .assert: pending.append(pc + 1)
            case .match: return nil
            }
        }
        return tests
    }
}

/// Each rule's requirement chains (per alternative, requirement indices in the order a
/// match meets them), all in flat arrays: reading a rule's chains follows no reference.
struct RequirementChains: Sendable {
    /// Requirement indices, chain after chain.
    private let requirements: [Int32]
    /// Where each chain ends in `requirements` (each starts where the one before ends).
    private let chainEnds: [Int32]
    /// Per rule, where its chains start in `chainEnds`; one more entry ends the last rule's.
    private let ruleStarts: [Int32]

    init(_ chains: [[[Int]]]) {
        var requirements: [Int32] = []
        var chainEnds: [Int32] = []
        var ruleStarts: [Int32] = [0]
        for rule in chains {
            for chain in rule {
                requirements += chain.map { Int32($0) }
                chainEnds.append(Int32(requirements.count))
            }
            ruleStarts.append(Int32(chainEnds.count))
        }
        self.requirements = requirements
        self.chainEnds = chainEnds
        self.ruleStarts = ruleStarts
    }

    var ruleCount: Int { ruleStarts.count - 1 }

    /// One chain: its requirement indices.
    struct Chain: Sequence {
        let base: UnsafePointer<Int32>
        let count: Int

        func makeIterator() -> UnsafeBufferPointer<Int32>.Iterator {
            UnsafeBufferPointer(start: base, count: count).makeIterator()
        }
    }

    /// A rule's chains.
    struct Chains: Sequence {
        let requirements: UnsafePointer<Int32>
        let chainEnds: UnsafeBufferPointer<Int32>
        let first: Int
        let end: Int

        var isEmpty: Bool { first == end }

        struct Iterator: IteratorProtocol {
            let chains: Chains
            var index: Int

            mutating func next() -> Chain? {
                guard index < chains.end else { return nil }
                let start = index == 0 ? 0 : Int(chains.chainEnds[index - 1])
                let chain = Chain(base: chains.requirements + start, count: Int(chains.chainEnds[index]) - start)
                index += 1
                return chain
            }
        }

        func makeIterator() -> Iterator { Iterator(chains: self, index: first) }
    }

    /// Calls `body` with the chains of `rule`, valid only inside it.
    @inline(__always)
    func withChains<Result>(of rule: Int, _ body: (Chains) -> Result) -> Result {
        requirements.withUnsafeBufferPointer { requirements in
            chainEnds.withUnsafeBufferPointer { chainEnds in
                // An empty array may have no storage; no chain then reads from it.
                let base = requirements.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Int32>.alignment)!
                return body(Chains(requirements: base, chainEnds: chainEnds, first: Int(ruleStarts[rule]), end: Int(ruleStarts[rule + 1])))
            }
        }
    }
}

/// The tokens of one sentence that meet each requirement, in token order: one list per
/// requirement, linked through flat buffers that are reused from sentence to sentence.
/// Its buffers are plain memory, touched a few times per token of every sentence and stage.
struct RequirementMeetings: ~Copyable {
    /// Per requirement: its first and last meeting (-1: none).
    private var head: ScratchBuffer<Int32>
    private var tail: ScratchBuffer<Int32>
    /// Per meeting: the token, and the requirement's next meeting (-1: none).
    private var tokens = ScratchBuffer<Int32>(capacity: 256, fill: 0)
    private var next = ScratchBuffer<Int32>(capacity: 256, fill: -1)
    /// The requirements met in this sentence, to clear.
    private var touched = ScratchBuffer<Int32>(capacity: 64, fill: 0)

    init(requirements: Int) {
        head = ScratchBuffer(capacity: requirements, fill: -1)
        tail = ScratchBuffer(capacity: requirements, fill: -1)
    }

    mutating func reset() {
        for index in 0..<touched.count { head[Int(touched[index])] = -1 }
        touched.count = 0
        tokens.count = 0
        next.count = 0
    }

    /// Notes that `token` meets `requirement`; tokens come in order.
    @inline(__always)
    mutating func add(_ requirement: Int, at token: Int) {
        let meeting = Int32(tokens.count)
        tokens.append(Int32(token))
        next.append(-1)
        if head[requirement] < 0 {
            head[requirement] = meeting
            touched.append(Int32(requirement))
        } else {
            next[Int(tail[requirement])] = meeting
        }
        tail[requirement] = meeting
    }

    /// The last token that meets `requirement`, or -1.
    @inline(__always)
    func last(_ requirement: Int32) -> Int {
        head[Int(requirement)] < 0 ? -1 : Int(tokens[Int(tail[Int(requirement)])])
    }

    /// The first token at or after `token` that meets `requirement`, or nil.
    func first(_ requirement: Int32, atOrAfter token: Int) -> Int? {
        var meeting = head[Int(requirement)]
        while meeting >= 0 {
            if Int(tokens[Int(meeting)]) >= token { return Int(tokens[Int(meeting)]) }
            meeting = next[Int(meeting)]
        }
        return nil
    }
}
