import ClaimexText
import Foundation

/// A pattern compiled to instructions for a Pike-style virtual machine: every thread
/// advances in step over the tokens, so matching never backtracks and its cost is bounded
/// by tokens × instructions, whatever the pattern.
struct Program: Sendable {
    /// Instructions carry plain numbers only, so that stepping through them copies no
    /// reference: token tests live apart, in `tests`.
    enum Instruction: Sendable {
        /// Consume one token that passes test `index` of `tests`.
        case token(Int)
        /// Consume a phrase of lexicon `index`.
        case lexicon(Int)
        /// Consume a mention with one of these labels (a `LabelBits` mask).
        case mention(UInt64)
        /// Continue at both targets, the first preferred.
        case split(Int, Int)
        /// Continue at the target.
        case jump(Int)
        /// Record the current token position in capture slot `index`.
        case save(Int)
        /// Continue only if a context sub-program holds here.
        case assert(Int)
        /// The pattern matched.
        case match
    }

    /// A context sub-program: what must (or must not) match right before or after.
    struct Assertion: Sendable {
        let program: Program
        let behind: Bool
        let negated: Bool
        /// The most tokens the context can span (lookarounds are bounded).
        let maxLength: Int

        /// The test of a context that is one token test and nothing else (`(?<! [lower=in|of])`,
        /// `(?! [cap])`), which holds where that token passes: checked without running
        /// the sub-program. An index of the sub-program's `table`.
        var singleTest: Int? {
            guard program.instructions.count == 2, case .token(let test) = program.instructions[0],
                  case .match = program.instructions[1] else { return nil }
            return test
        }
    }

    var instructions: [Instruction] = []
    /// The token tests of `.token` instructions.
    var tests: [CompiledTest] = []
    /// `tests` as the matcher reads them; made when the program is built.
    var table = TestTable([])
    var assertions: [Assertion] = []
    /// Capture names in slot order: capture `i` uses slots `2i` and `2i + 1`.
    var captureNames: [String] = []
}

/// A token test with its words turned into vocabulary ids, its lexicons into indices and
/// its labels into a mask, so that checking a token compares integers.
struct CompiledTest: Sendable {
    enum Check: Sendable {
        case text(WordSet, Bool)
        case lower(WordSet, Bool)
        case shape(WordSet, Bool)
        /// A mask of `Token.Kind` bits.
        case kind(UInt8, Bool)
        case capitalized(Bool)
        case upper(Bool)
        case spaceBefore(Bool)
        case compare(String, TokenTest.ComparisonOperator, Decimal)
        case inLexicon(Int, Bool)
        /// A mask of `LabelBits`.
        case inMention(UInt64, Bool)
        /// One of these passes (the one-token branches of an alternation).
        case either(AnyOf)
    }

    /// Tests of which one must pass, the plain ones folded together: a word of `lowers` or
    /// `texts`, a kind of `kinds`, a label of `labels`, a capital (`capitalized`), or else
    /// one of `others` passing. Folded, a token is checked with a few loads and searches
    /// instead of a call per test.
    struct AnyOf: Sendable {
        var lowers = WordSet(sortedIDs: [])
        var texts = WordSet(sortedIDs: [])
        var kinds: UInt8 = 0
        var labels: UInt64 = 0
        var capitalized = false
        var others: [CompiledTest] = []
        /// How many tests were given.
        var count = 0

        init(_ tests: [CompiledTest]) {
            count = tests.count
            var lowers: [Int32] = [], texts: [Int32] = []
            for test in tests {
                guard test.checks.count == 1 else {
                    others.append(test)
                    continue
                }
                switch test.checks[0] {
                case .lower(let words, false): lowers += words.ids
                case .text(let words, false): texts += words.ids
                case .kind(let mask, false): kinds |= mask
                case .inMention(let mask, false): labels |= mask
                case .capitalized(true): capitalized = true
                default: others.append(test)
                }
            }
            self.lowers = Self.sortedOnce(lowers)
            self.texts = Self.sortedOnce(texts)
        }

        /// The ids sorted, each once.
        private static func sortedOnce(_ ids: [Int32]) -> WordSet {
            var result: [Int32] = []
            for id in ids.sorted() where result.last != id { result.append(id) }
            return WordSet(sortedIDs: result)
        }
    }

    let checks: [Check]

    /// A test that passes where one of `tests` does.
    static func either(_ tests: [CompiledTest]) -> CompiledTest {
        CompiledTest(checks: [.either(AnyOf(tests))])
    }

    /// The bit of a token kind in a `.kind` mask.
    @inline(__always)
    static func kindBit(_ kind: Token.Kind) -> UInt8 {
        switch kind {
        case .word: 1
        case .number: 2
        case .punctuation: 4
        case .symbol: 8
        case .other: 16
        }
    }
}

/// Turns a checked pattern tree into a program.
struct ProgramBuilder {
    let lexiconIndex: [String: Int]
    /// Where the words of token tests get their ids.
    let vocabulary: Vocabulary
    private(set) var program = Program()

    init(lexiconIndex: [String: Int], vocabulary: Vocabulary) {
        self.lexiconIndex = lexiconIndex
        self.vocabulary = vocabulary
    }

    mutating func build(_ node: PatternNode) -> Program {
        emit(node)
        program.instructions.append(.match)
        program.table = TestTable(program.tests)
        return program
    }

    private mutating func emit(_ node: PatternNode) {
        switch node {
        case .token(let test):
            program.tests.append(compile(test))
            program.instructions.append(.token(program.tests.count - 1))
        case .lexicon(let name):
            program.instructions.append(.lexicon(lexiconIndex[name] ?? 0))
        case .mention(let label):
            program.instructions.append(.mention(LabelBits.mask([label])))
        case .sequence(let parts):
            for part in parts { emit(part) }
        case .alternation(let written):
            // Branches of one token test each are tested as one, where the first of them
            // stood: they consume one token, capture nothing and go on at the same place, so
            // whichever passes leaves the same thread (words of one kind make one word set).
            var branches = Self.mergingWordBranches(written).map { PendingBranch.node($0) }
            let singles = branches.indices.filter { if case .node(.token) = branches[$0] { true } else { false } }
            if singles.count > 1 {
                let tests = singles.map { index -> CompiledTest in
                    guard case .node(.token(let test)) = branches[index] else { preconditionFailure("not a token test") }
                    return compile(test)
                }
                branches[singles[0]] = .test(CompiledTest.either(tests))
                for index in singles.dropFirst().reversed() { branches.remove(at: index) }
            }
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = program.instructions.count
                    program.instructions.append(.split(split + 1, 0))
                    emit(branch)
                    jumps.append(program.instructions.count)
                    program.instructions.append(.jump(0))
                    program.instructions[split] = .split(split + 1, program.instructions.count)
                } else {
                    emit(branch)
                }
            }
            for jump in jumps { program.instructions[jump] = .jump(program.instructions.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { emit(inner) }
            if let max {
                // Optional copies, each skipping to the end when not taken.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.instructions.count)
                    program.instructions.append(.split(0, 0))
                    emit(inner)
                }
                let end = program.instructions.count
                for split in splits { program.instructions[split] = .split(split + 1, end) }
            } else {
                let loop = program.instructions.count
                program.instructions.append(.split(loop + 1, 0))
                emit(inner)
                program.instructions.append(.jump(loop))
                program.instructions[loop] = .split(loop + 1, program.instructions.count)
            }
        case .capture(let name, let inner):
            let slot = program.captureNames.count
            program.captureNames.append(name)
            program.instructions.append(.save(2 * slot))
            emit(inner)
            program.instructions.append(.save(2 * slot + 1))
        case .lookaround(let inner, let behind, let negated):
            var sub = ProgramBuilder(lexiconIndex: lexiconIndex, vocabulary: vocabulary)
            let subProgram = sub.build(inner)
            let index = program.assertions.count
            program.assertions.append(Program.Assertion(program: subProgram, behind: behind, negated: negated,
                                                        maxLength: PatternAnalysis.maxLength(inner, lexiconLength: { _ in 8 }) ?? 8))
            program.instructions.append(.assert(index))
        }
    }

    /// A branch of an alternation still to be emitted: written, or one token test made of
    /// several branches.
    private enum PendingBranch {
        case node(PatternNode)
        case test(CompiledTest)
    }

    private mutating func emit(_ branch: PendingBranch) {
        switch branch {
        case .node(let node):
            emit(node)
        case .test(let test):
            program.tests.append(test)
            program.instructions.append(.token(program.tests.count - 1))
        }
    }

    /// The branches of an alternation with its one-word branches of one kind (`the | a | an`,
    /// each a token whose lowercase text is a word; or each whose exact text is) made one
    /// branch that tests the words together, where the first of them stood. Matching is
    /// the same: such branches consume one token each, capture nothing and go on at the
    /// same place, so whichever passes leaves the same thread. The machine steps one test
    /// instead of one per word, and a word set is searched once instead of once a word.
    static func mergingWordBranches(_ branches: [PatternNode]) -> [PatternNode] {
        enum Kind { case lower, text }
        func words(_ branch: PatternNode) -> (Kind, Set<String>, String)? {
            guard case .token(let test) = branch, test.conditions.count == 1 else { return nil }
            switch test.conditions[0] {
            case .lower(let words, negated: false): return (.lower, words, test.source)
            case .text(let words, negated: false): return (.text, words, test.source)
            default: return nil
            }
        }
        let counts = branches.compactMap(words).reduce(into: [0, 0]) { counts, found in counts[found.0 == .lower ? 0 : 1] += 1 }
        guard counts.contains(where: { $0 > 1 }) else { return branches }
        var merged: [Kind: (words: Set<String>, sources: [String])] = [:]
        for case let (kind, set, source)? in branches.map(words) where counts[kind == .lower ? 0 : 1] > 1 {
            merged[kind, default: ([], [])].words.formUnion(set)
            merged[kind, default: ([], [])].sources.append(source)
        }
        var result: [PatternNode] = []
        var placed: Set<Kind> = []
        for branch in branches {
            guard let (kind, _, _) = words(branch), let union = merged[kind] else {
                result.append(branch)
                continue
            }
            guard placed.insert(kind).inserted else { continue }
            let condition: TokenTest.Condition = kind == .lower ? .lower(union.words, negated: false) : .text(union.words, negated: false)
            result.append(.token(TokenTest(conditions: [condition], source: union.sources.joined(separator: " | "))))
        }
        return result
    }

    private func compile(_ test: TokenTest) -> CompiledTest {
        if let compiled = vocabulary.compiledTests[test] { return compiled }
        let compiled = CompiledTest(checks: test.conditions.compactMap { condition -> CompiledTest.Check? in
            switch condition {
            case .text(let values, let negated): return .text(WordSet(values, vocabulary: vocabulary), negated)
            case .lower(let values, let negated): return .lower(WordSet(values, vocabulary: vocabulary), negated)
            case .shape(let values, let negated):
                vocabulary.shapes.formUnion(values)
                return .shape(WordSet(values, vocabulary: vocabulary), negated)
            case .kind(let values, let negated):
                let mask = values.compactMap(Token.Kind.init(rawValue:)).reduce(UInt8(0)) { $0 | CompiledTest.kindBit($1) }
                return .kind(mask, negated)
            case .flag(let name, let wanted):
                switch name {
                case "cap": return .capitalized(wanted)
                case "upper": return .upper(wanted)
                case "space": return .spaceBefore(wanted)
                case "num": return .kind(CompiledTest.kindBit(.number), !wanted)
                case "word": return .kind(CompiledTest.kindBit(.word), !wanted)
                case "punct": return .kind(CompiledTest.kindBit(.punctuation), !wanted)
                default: return nil  // `any`: every token
                }
            case .compare(let attribute, let op, let value): return .compare(attribute, op, value)
            case .inLexicon(let name, let negated): return .inLexicon(lexiconIndex[name] ?? 0, negated)
            case .inMention(let labels, let negated): return .inMention(LabelBits.mask(labels), negated)
            }
        })
        vocabulary.compiledTests[test] = compiled
        return compiled
    }

}

/// Static facts about a pattern tree, for the compiler's checks.
enum PatternAnalysis {
    /// Whether the pattern can match zero tokens.
    static func canBeEmpty(_ node: PatternNode) -> Bool {
        switch node {
        case .token, .lexicon, .mention: false
        case .sequence(let parts): parts.allSatisfy(canBeEmpty)
        case .alternation(let branches): branches.contains(where: canBeEmpty)
        case .repetition(let inner, let min, _): min == 0 || canBeEmpty(inner)
        case .capture(_, let inner): canBeEmpty(inner)
        case .lookaround: true
        }
    }

    /// The most tokens the pattern can span, or nil when unbounded.
    static func maxLength(_ node: PatternNode, lexiconLength: (String) -> Int) -> Int? {
        switch node {
        case .token: return 1
        case .lexicon(let name): return lexiconLength(name)
        case .mention: return 32
        case .sequence(let parts):
            var total = 0
            for part in parts {
                guard let length = maxLength(part, lexiconLength: lexiconLength) else { return nil }
                total += length
            }
            return total
        case .alternation(let branches):
            var best = 0
            for branch in branches {
                guard let length = maxLength(branch, lexiconLength: lexiconLength) else { return nil }
                best = max(best, length)
            }
            return best
        case .repetition(let inner, _, let max):
            guard let max, let length = maxLength(inner, lexiconLength: lexiconLength) else { return nil }
            return max * length
        case .capture(_, let inner): return maxLength(inner, lexiconLength: lexiconLength)
        case .lookaround: return 0
        }
    }

    /// Every lexicon, label and capture the pattern names, and its lookarounds.
    static func walk(_ node: PatternNode, _ visit: (PatternNode) -> Void) {
        visit(node)
        switch node {
        case .sequence(let parts): for part in parts { walk(part, visit) }
        case .alternation(let branches): for branch in branches { walk(branch, visit) }
        case .repetition(let inner, _, _), .capture(_, let inner), .lookaround(let inner, _, _): walk(inner, visit)
        case .token, .lexicon, .mention: break
        }
    }
}
