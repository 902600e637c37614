import ClaimexText

/// Runs compiled patterns over a sentence's tokens.
///
/// A Pike-style virtual machine: all threads advance together, one list of threads per
/// token position, and a thread that reaches a state already reached at that position is
/// dropped. So a match from one start costs at most positions × instructions steps, and no
/// pattern can make matching blow up. Lexicon phrases and earlier mentions move a thread
/// several tokens at once.
struct Matcher {
    let tokens: [Token]
    let lexicons: [Lexicon]
    /// Earlier mentions by first token (indexed by token): label and end token.
    let mentionsByStart: [[(label: String, end: Int)]]
    /// The labels of the earlier mentions covering each token (indexed by token).
    let labelsAt: [Set<String>]

    /// The longest match of `program` starting at token `start`, ending at or before `limit`,
    /// with its capture slots (token positions, -1 when unset).
    func longestMatch(_ program: Program, start: Int, limit: Int) -> (end: Int, slots: [Int])? {
        let slotCount = program.captureNames.count * 2
        // Threads waiting at each position from `start`, and which instructions already reached
        // each position (a flat bit set, `words` 64-bit words per position): arrays, not
        // dictionaries, because this runs for every rule at every token it may start at. Both
        // are indexed by `position - start` and grown only as far as threads get, so a context
        // that may run to the end of a long sentence costs what it reads, not the sentence.
        var lists: [[(pc: Int, slots: [Int])]] = []
        let words = (program.instructions.count + 63) / 64
        var visited: [UInt64] = []
        var best: (end: Int, slots: [Int])?

        func reach(_ offset: Int) {
            if offset >= lists.count {
                lists.append(contentsOf: repeatElement([], count: offset + 1 - lists.count))
                visited.append(contentsOf: repeatElement(0, count: (offset + 1) * words - visited.count))
            }
        }

        func add(_ pc: Int, _ slots: [Int], at position: Int) {
            let offset = position - start
            reach(offset)
            let word = offset * words + pc / 64
            let mask = UInt64(1) << UInt64(pc % 64)
            guard visited[word] & mask == 0 else { return }
            visited[word] |= mask
            switch program.instructions[pc] {
            case .jump(let target):
                add(target, slots, at: position)
            case .split(let first, let second):
                add(first, slots, at: position)
                add(second, slots, at: position)
            case .save(let slot):
                var copy = slots
                copy[slot] = position
                add(pc + 1, copy, at: position)
            case .assert(let index):
                if holds(program.assertions[index], at: position, start: start, limit: limit) {
                    add(pc + 1, slots, at: position)
                }
            default:
                lists[offset].append((pc, slots))
            }
        }

        add(0, Array(repeating: -1, count: slotCount), at: start)
        var position = start
        while position <= limit {
            let offset = position - start
            guard offset < lists.count, !lists[offset].isEmpty else {
                // Threads may be waiting further on (after a multi-token phrase).
                guard let next = lists.indices.dropFirst(offset + 1).first(where: { !lists[$0].isEmpty }) else { break }
                position = start + next
                continue
            }
            let threads = lists[offset]
            lists[offset] = []
            for thread in threads {
                switch program.instructions[thread.pc] {
                case .match:
                    if best == nil || position > best!.end { best = (position, thread.slots) }
                case .token(let test):
                    if position < limit, test.passes(tokens[position], lexicons: lexicons, labels: labelsAt[position]) {
                        add(thread.pc + 1, thread.slots, at: position + 1)
                    }
                case .lexicon(let index):
                    for match in lexicons[index].matches(in: tokens, at: position, limit: limit) {
                        add(thread.pc + 1, thread.slots, at: match.end)
                    }
                case .mention(let labels):
                    for mention in mentionsByStart[position] where labels.contains(mention.label) && mention.end <= limit {
                        add(thread.pc + 1, thread.slots, at: mention.end)
                    }
                default:
                    break
                }
            }
            position += 1
        }
        return best
    }

    /// Whether a context holds at `position`: for a lookahead, the context matches from
    /// there; for a lookbehind, it matches a stretch ending there. Context may look past the
    /// match but not outside the sentence (`sentenceStart` ... `limit`).
    private func holds(_ assertion: Program.Assertion, at position: Int, start: Int, limit: Int) -> Bool {
        var found = false
        if assertion.behind {
            let sentenceStart = sentenceStart(before: start)
            var from = max(sentenceStart, position - assertion.maxLength)
            while from < position && !found {
                if let match = anyMatch(assertion.program, start: from, limit: position), match == position { found = true }
                from += 1
            }
        } else {
            found = anyMatch(assertion.program, start: position, limit: sentenceLimit) != nil
        }
        return found != assertion.negated
    }

    /// The end of the longest match of a context sub-program, or nil.
    private func anyMatch(_ program: Program, start: Int, limit: Int) -> Int? {
        longestMatch(program, start: start, limit: limit)?.end
    }

    /// The first token of the sentence being matched; set per sentence.
    var sentenceBounds: Range<Int> = 0..<0
    private func sentenceStart(before _: Int) -> Int { sentenceBounds.lowerBound }
    private var sentenceLimit: Int { sentenceBounds.upperBound }
}
