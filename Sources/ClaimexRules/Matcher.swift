import ClaimexText

/// Runs compiled patterns over a sentence's tokens.
///
/// A Pike-style virtual machine: all threads advance together, one list of threads per
/// token position, and a thread that reaches a state already reached at that position is
/// dropped. So a match from one start costs at most positions × instructions steps, and no
/// pattern can make matching blow up. Lexicon phrases and earlier mentions move a thread
/// several tokens at once.
///
/// A matcher is made once per page and stage and runs every rule at every token it may
/// start at, so it keeps its working memory (thread lists, visited sets, capture slots)
/// between runs: a run that fails at its first token allocates nothing.
struct Matcher {
    let tokens: [Token]
    let keys: PageKeys
    let tries: [LexiconTrie]
    /// Earlier mentions by first token (indexed by token): label bit and end token.
    let mentionsByStart: [[(label: UInt64, end: Int)]]
    /// The labels of the earlier mentions covering each token (indexed by token), as a mask.
    let labelsAt: [UInt64]
    /// Working memory, one per nesting level (contexts run inside a match).
    private let scratch = ScratchStack()

    init(tokens: [Token], keys: PageKeys, tries: [LexiconTrie], mentionsByStart: [[(label: UInt64, end: Int)]], labelsAt: [UInt64]) {
        self.tokens = tokens
        self.keys = keys
        self.tries = tries
        self.mentionsByStart = mentionsByStart
        self.labelsAt = labelsAt
    }

    /// The longest match of `program` starting at token `start`, ending at or before `limit`,
    /// with its capture slots (token positions, -1 when unset).
    func longestMatch(_ program: Program, start: Int, limit: Int) -> (end: Int, slots: [Int])? {
        let work = scratch.push()
        defer { scratch.pop() }
        work.reset(instructions: program.instructions.count, slotCount: program.captureNames.count * 2)
        return program.instructions.withUnsafeBufferPointer { instructions in
            var best: (end: Int, slots: Int)?

            /// Follows the instructions that consume nothing from `pc`, first branches first,
            /// and leaves a thread waiting at every instruction that consumes a token (or matches).
            func add(_ pc: Int, _ slots: Int, at position: Int) {
                work.pending.append(MatchScratch.Thread(pc: pc, slots: slots))
                let offset = position - start
                while let thread = work.pending.popLast() {
                    var pc = thread.pc, slots = thread.slots
                    while work.visit(pc, at: offset) {
                        switch instructions[pc] {
                        case .jump(let target):
                            pc = target
                            continue
                        case .split(let first, let second):
                            work.pending.append(MatchScratch.Thread(pc: second, slots: slots))
                            pc = first
                            continue
                        case .save(let slot):
                            slots = work.copy(slots, setting: slot, to: position)
                            pc += 1
                            continue
                        case .assert(let index):
                            guard holds(program.assertions[index], at: position, start: start, limit: limit) else { break }
                            pc += 1
                            continue
                        default:
                            work.wait(pc: pc, slots: slots, at: offset)
                        }
                        break
                    }
                }
            }

            add(0, work.initialSlots(), at: start)
            var offset = 0
            while start + offset <= limit, let next = work.nextWaiting(from: offset) {
                offset = next
                let position = start + offset
                guard position <= limit else { break }
                work.takeWaiting(at: offset)
                for index in 0..<work.current.count {
                    let thread = work.current[index]
                    switch instructions[thread.pc] {
                    case .match:
                        if best == nil || position > best!.end { best = (position, thread.slots) }
                    case .token(let test):
                        if position < limit, program.tests[test].passes(position, tokens: tokens, keys: keys, tries: tries, labels: labelsAt[position]) {
                            add(thread.pc + 1, thread.slots, at: position + 1)
                        }
                    case .lexicon(let index):
                        tries[index].forEachEnd(keys, at: position, limit: limit) { end in
                            add(thread.pc + 1, thread.slots, at: end)
                        }
                    case .mention(let labels):
                        for mention in mentionsByStart[position] where labels & mention.label != 0 && mention.end <= limit {
                            add(thread.pc + 1, thread.slots, at: mention.end)
                        }
                    default:
                        break
                    }
                }
                offset += 1
            }
            guard let best else { return nil }
            return (best.end, work.slots(best.slots))
        }
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

/// The working memory of one run of the machine, reused from run to run.
///
/// Its properties opt out of run-time exclusivity checks, which otherwise cost more than
/// the matching: one matcher is used by one thread, and no two accesses to one property
/// overlap.
final class MatchScratch {
    /// A thread waiting at a position: its instruction and where its capture slots start in `arena`.
    struct Thread {
        var pc: Int
        var slots: Int
    }

    /// Branches not yet followed while adding threads at one position, last first: an
    /// explicit stack, so that a program of thousands of instructions cannot run deep
    /// recursion on a worker thread's stack.
    @exclusivity(unchecked) var pending: [Thread] = []
    /// Threads waiting at each offset from the start; only offsets below `reached` are in use.
    @exclusivity(unchecked) private var waiting: [[Thread]] = []
    /// Per offset, one bit per instruction: reached already.
    @exclusivity(unchecked) private var visited: [UInt64] = []
    /// The words of `visited` set since the last reset: a run that reaches few states clears
    /// few words, however long its program.
    @exclusivity(unchecked) private var dirty: [Int] = []
    @exclusivity(unchecked) private var words = 1
    @exclusivity(unchecked) private var reached = 0
    /// Capture slot vectors, `slotCount` positions each, appended as threads save.
    @exclusivity(unchecked) private var arena: [Int] = []
    @exclusivity(unchecked) private var slotCount = 0

    func reset(instructions: Int, slotCount: Int) {
        for offset in 0..<reached { waiting[offset].removeAll(keepingCapacity: true) }
        for word in dirty { visited[word] = 0 }
        dirty.removeAll(keepingCapacity: true)
        reached = 0
        words = (instructions + 63) / 64
        arena.removeAll(keepingCapacity: true)
        self.slotCount = slotCount
    }

    /// Makes room for `offset` and every offset before it.
    @inline(__always)
    private func reach(_ offset: Int) {
        guard offset >= reached else { return }
        if offset >= waiting.count {
            waiting.append(contentsOf: repeatElement([], count: offset + 1 - waiting.count))
        }
        let needed = (offset + 1) * words
        if needed > visited.count { visited.append(contentsOf: repeatElement(0, count: needed - visited.count)) }
        reached = offset + 1
    }

    /// Marks instruction `pc` reached at `offset`; false when it was already.
    @inline(__always)
    func visit(_ pc: Int, at offset: Int) -> Bool {
        reach(offset)
        let word = offset * words + pc >> 6
        let mask = UInt64(1) << UInt64(pc & 63)
        let bits = visited[word]
        if bits & mask != 0 { return false }
        if bits == 0 { dirty.append(word) }
        visited[word] = bits | mask
        return true
    }

    func wait(pc: Int, slots: Int, at offset: Int) {
        waiting[offset].append(Thread(pc: pc, slots: slots))
    }

    /// The first offset at or after `offset` with threads waiting, or nil.
    func nextWaiting(from offset: Int) -> Int? {
        var offset = offset
        while offset < reached {
            if !waiting[offset].isEmpty { return offset }
            offset += 1
        }
        return nil
    }

    /// The threads being stepped: those taken from one offset by `takeWaiting`.
    @exclusivity(unchecked) private(set) var current: [Thread] = []

    /// Moves the threads waiting at `offset` into `current` (nothing is added at an offset
    /// while its threads are stepped: every step moves forward).
    func takeWaiting(at offset: Int) {
        current.removeAll(keepingCapacity: true)
        swap(&current, &waiting[offset])
    }

    /// A slot vector with every slot unset.
    func initialSlots() -> Int {
        let base = arena.count
        arena.append(contentsOf: repeatElement(-1, count: slotCount))
        return base
    }

    /// A copy of the slot vector at `base` with `slot` set to `position`.
    func copy(_ base: Int, setting slot: Int, to position: Int) -> Int {
        let copy = arena.count
        for index in 0..<slotCount { arena.append(arena[base + index]) }
        arena[copy + slot] = position
        return copy
    }

    /// The slot vector at `base`.
    func slots(_ base: Int) -> [Int] {
        Array(arena[base..<base + slotCount])
    }
}

/// Scratch memory for each level of nested runs (a context runs inside its match).
final class ScratchStack {
    @exclusivity(unchecked) private var levels: [MatchScratch] = []
    @exclusivity(unchecked) private var depth = 0

    func push() -> MatchScratch {
        if depth == levels.count { levels.append(MatchScratch()) }
        depth += 1
        return levels[depth - 1]
    }

    func pop() { depth -= 1 }
}
