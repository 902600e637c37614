import ClaimexText
import Foundation

/// A program's token tests laid out for the matcher's inner loop: each check a record of
/// plain numbers, word sets as ranges of one sorted-id buffer, the tests an alternation
/// folded as a range of tests stored after the others. Checking a token reads integers
/// through pointers and so retains nothing; a `CompiledTest` read out of an array retains
/// its checks, and a check its words, at every token tried.
///
/// Built once per program and never changed, so it may be shared between threads.
final class TestTable: @unchecked Sendable {
    enum Code: UInt8 {
        case text, lower, shape, kind, capitalized, upper, spaceBefore, compareLength, compareValue, inLexicon, inMention, either
    }

    /// One check. Which fields count depends on `code`:
    /// - `text`, `lower`, `shape`: the words are `words[first..<second]`;
    /// - `kind`: `kinds` is a mask of `CompiledTest.kindBit`s;
    /// - `capitalized`, `upper`, `spaceBefore`: `negated` is set when the flag must be absent;
    /// - `compareLength`, `compareValue`: `first` is the constant in `constants`, `comparison` the operator;
    /// - `inLexicon`: `first` is the lexicon;
    /// - `inMention`: `labels` is the mask;
    /// - `either`: a token passes with a kind of `kinds`, a label of `labels`, a capital when
    ///   `capitalized`, a lowercase word of `words[first..<second]`, a word of
    ///   `words[third..<fourth]`, or by passing one of the tests `fifth..<sixth`.
    struct Check {
        var code: Code
        var negated = false
        var capitalized = false
        var kinds: UInt8 = 0
        var comparison = TokenTest.ComparisonOperator.equal
        var labels: UInt64 = 0
        var first: Int32 = 0, second: Int32 = 0, third: Int32 = 0, fourth: Int32 = 0, fifth: Int32 = 0, sixth: Int32 = 0
    }

    /// The checks of test `t` are `checks[starts[t]..<starts[t + 1]]`.
    private let starts: UnsafeMutableBufferPointer<Int32>
    private let checks: UnsafeMutableBufferPointer<Check>
    private let words: UnsafeMutableBufferPointer<Int32>
    private let constants: UnsafeMutableBufferPointer<Decimal>
    /// How many tests were given (folded alternations' tests come after them).
    let count: Int

    /// Test `i` of the table is `tests[i]`.
    init(_ tests: [CompiledTest]) {
        count = tests.count
        var laidOut = tests
        var starts: [Int32] = [], checks: [Check] = [], words: [Int32] = [], constants: [Decimal] = []
        func add(_ ids: [Int32]) -> (Int32, Int32) {
            let first = Int32(words.count)
            words += ids
            return (first, Int32(words.count))
        }
        func wordCheck(_ code: Code, _ set: WordSet, _ negated: Bool) -> Check {
            let (first, second) = add(set.ids)
            return Check(code: code, negated: negated, first: first, second: second)
        }
        var next = 0
        while next < laidOut.count {
            starts.append(Int32(checks.count))
            for check in laidOut[next].checks {
                switch check {
                case .text(let set, let negated):
                    checks.append(wordCheck(.text, set, negated))
                case .lower(let set, let negated):
                    checks.append(wordCheck(.lower, set, negated))
                case .shape(let set, let negated):
                    checks.append(wordCheck(.shape, set, negated))
                case .kind(let mask, let negated):
                    checks.append(Check(code: .kind, negated: negated, kinds: mask))
                case .capitalized(let wanted):
                    checks.append(Check(code: .capitalized, negated: !wanted))
                case .upper(let wanted):
                    checks.append(Check(code: .upper, negated: !wanted))
                case .spaceBefore(let wanted):
                    checks.append(Check(code: .spaceBefore, negated: !wanted))
                case .compare(let attribute, let op, let constant):
                    constants.append(constant)
                    checks.append(Check(code: attribute == "length" ? .compareLength : .compareValue,
                                        comparison: op, first: Int32(constants.count - 1)))
                case .inLexicon(let lexicon, let negated):
                    checks.append(Check(code: .inLexicon, negated: negated, first: Int32(lexicon)))
                case .inMention(let mask, let negated):
                    checks.append(Check(code: .inMention, negated: negated, labels: mask))
                case .either(let any):
                    let lowers = add(any.lowers.ids), texts = add(any.texts.ids)
                    let others = Int32(laidOut.count)
                    laidOut += any.others
                    checks.append(Check(code: .either, capitalized: any.capitalized, kinds: any.kinds, labels: any.labels,
                                        first: lowers.0, second: lowers.1, third: texts.0, fourth: texts.1,
                                        fifth: others, sixth: Int32(laidOut.count)))
                }
            }
            next += 1
        }
        starts.append(Int32(checks.count))
        func buffer<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return buffer
        }
        self.starts = buffer(starts)
        self.checks = buffer(checks)
        self.words = buffer(words)
        self.constants = buffer(constants)
    }

    deinit {
        starts.deallocate()
        checks.deallocate()
        words.deallocate()
        constants.deallocate()
    }

    /// Whether token `index` passes test `test`; `labels` are those of the mentions covering it.
    func passes(_ test: Int, _ index: Int, tokens: [Token], keys: PageKeys, tries: [LexiconTrie], labels: UInt64) -> Bool {
        var position = Int(starts[test])
        let end = Int(starts[test + 1])
        while position < end {
            let check = checks[position]
            position += 1
            switch check.code {
            case .text:
                if contains(keys.text[index], check.first, check.second) == check.negated { return false }
            case .lower:
                if contains(keys.lower[index], check.first, check.second) == check.negated { return false }
            case .shape:
                if contains(keys.shape[index], check.first, check.second) == check.negated { return false }
            case .kind:
                if (keys.kinds[index] & check.kinds != 0) == check.negated { return false }
            case .capitalized:
                if (keys.flags[index] & PageKeys.capitalized != 0) == check.negated { return false }
            case .upper:
                if (keys.flags[index] & PageKeys.upper != 0) == check.negated { return false }
            case .spaceBefore:
                if (keys.flags[index] & PageKeys.spaceBefore != 0) == check.negated { return false }
            case .compareLength, .compareValue:
                let value = check.code == .compareLength ? Decimal(tokens[index].text.unicodeScalars.count) : tokens[index].numberValue
                guard let value, Self.compare(value, check.comparison, constants[Int(check.first)]) else { return false }
            case .inLexicon:
                let lexicon = Int(check.first)
                let single: Bool
                if lexicon < MatchTables.maskedLexicons {
                    single = keys.phraseWords[index] & (UInt64(1) << UInt64(lexicon)) != 0
                } else {
                    let trie = tries[lexicon]
                    single = trie.step(0, trie.caseSensitive ? keys.text[index] : keys.lower[index]).map(trie.isTerminal) ?? false
                }
                if single == check.negated { return false }
            case .inMention:
                if (check.labels & labels == 0) != check.negated { return false }
            case .either:
                if check.kinds & keys.kinds[index] != 0 || check.labels & labels != 0
                    || (check.capitalized && keys.flags[index] & PageKeys.capitalized != 0)
                    || contains(keys.lower[index], check.first, check.second) || contains(keys.text[index], check.third, check.fourth) {
                    continue
                }
                var other = Int(check.fifth)
                while other < Int(check.sixth), !passes(other, index, tokens: tokens, keys: keys, tries: tries, labels: labels) {
                    other += 1
                }
                if other == Int(check.sixth) { return false }
            }
        }
        return true
    }

    /// Whether `words[first..<second]` (sorted) holds `id`; a word no test names (-1) is in none.
    @inline(__always)
    private func contains(_ id: Int32, _ first: Int32, _ second: Int32) -> Bool {
        id >= 0 && words[Int(first)..<Int(second)].sortedContains(id)
    }

    private static func compare(_ value: Decimal, _ comparison: TokenTest.ComparisonOperator, _ constant: Decimal) -> Bool {
        switch comparison {
        case .equal: value == constant
        case .notEqual: value != constant
        case .less: value < constant
        case .lessOrEqual: value <= constant
        case .greater: value > constant
        case .greaterOrEqual: value >= constant
        }
    }
}
