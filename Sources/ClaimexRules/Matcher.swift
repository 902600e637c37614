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
    /// Earlier mentions by first token: label bit and end token.
    let mentionsByStart: MentionStarts
    /// The labels of the earlier mentions covering each token (indexed by token), as a mask.
    let labelsAt: [UInt64]
    /// Working memory, one per nesting level (contexts run inside a match); the matchers
    /// of a page's stages share it.
    private let scratch: ScratchStack

    init(tokens: [Token], keys: PageKeys, tries: [LexiconTrie], mentionsByStart: MentionStarts, labelsAt: [UInt64],
         scratch: ScratchStack = ScratchStack()) {
        self.scratch = scratch
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
        // Instructions are read through a buffer pointer and tests from the program's
        // table: an element read from an array is copied, and a copy of a value holding
        // references retains and releases them.
        let table = program.table
        return program.instructions.withUnsafeBufferPointer { instructions in
            var best: (end: Int, slots: Int)?

            /// Follows the instructions that consume nothing from `pc`, first branches first,
            /// and leaves a thread waiting at every instruction that consumes a token (or matches).
            func add(_ pc: Int, _ slots: Int, at position: Int) {
                work.push(pc: pc, slots: slots)
                let offset = position - start
                work.reach(offset)
                while let thread = work.pop() {
                    var pc = thread.pc, slots = thread.slots
                    while work.visit(pc, at: offset) {
                        switch instructions[pc] {
                        case .jump(let target):
                            pc = target
                            continue
                        case .split(let first, let second):
                            work.push(pc: second, slots: slots)
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
                        case .token(let test):
                            // Tested now, at the token it would consume: a thread that fails
                            // is never left waiting. Its state stays visited all the same.
                            if position < limit, table.passes(test, position, tokens: tokens, keys: keys, tries: tries, labels: labelsAt[position]) {
                                work.wait(pc: pc, slots: slots, at: offset)
                            }
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
                var waiting = work.firstWaiting(at: offset)
                while waiting >= 0 {
                    let thread = work.thread(waiting)
                    waiting = thread.next
                    switch instructions[thread.pc] {
                    case .match:
                        if best == nil || position > best!.end { best = (position, thread.slots) }
                    case .token:
                        // Its test passed when it was left waiting.
                        add(thread.pc + 1, thread.slots, at: position + 1)
                    case .lexicon(let index):
                        guard position < limit, MatchTables.lexicon(index, in: keys.phraseStarts[position]) else { break }
                        tries[index].forEachEnd(keys, at: position, limit: limit) { end in
                            add(thread.pc + 1, thread.slots, at: end)
                        }
                    case .mention(let labels):
                        for mention in mentionsByStart.positions(of: position) {
                            let end = mentionsByStart.end(at: mention)
                            if labels & mentionsByStart.label(at: mention) != 0 && end <= limit { add(thread.pc + 1, thread.slots, at: end) }
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
        if let test = assertion.singleTest {
            // One token: the one before `position`, or the one at it, inside the sentence.
            let token = assertion.behind ? position - 1 : position
            let inside = assertion.behind ? token >= sentenceStart(before: start) : token < sentenceLimit
            found = inside && token >= 0
                && assertion.program.table.passes(test, token, tokens: tokens, keys: keys, tries: tries, labels: labelsAt[token])
        } else if assertion.behind {
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

/// The mentions of earlier stages by first token, in flat arrays: a token's mentions (index
/// among the mentions, label bit and end token, in the order they were given) lie in one
/// range, found with two loads. A list per token of the page would be made and freed at
/// every stage.
struct MentionStarts {
    /// Where each token's mentions start in `indices`, `labels` and `ends`; one more entry
    /// ends the last.
    private let starts: [Int32]
    private let indices: [Int32]
    private let labels: [UInt64]
    private let ends: [Int32]

    init(tokenCount: Int, mentions: [(index: Int, start: Int, label: UInt64, end: Int)]) {
        var starts = [Int32](repeating: 0, count: tokenCount + 2)
        for mention in mentions { starts[mention.start + 1] += 1 }
        for token in 0...tokenCount { starts[token + 1] += starts[token] }
        var next = starts
        var indices = [Int32](repeating: 0, count: mentions.count)
        var labels = [UInt64](repeating: 0, count: mentions.count)
        var ends = [Int32](repeating: 0, count: mentions.count)
        for mention in mentions {
            let slot = Int(next[mention.start])
            indices[slot] = Int32(mention.index)
            labels[slot] = mention.label
            ends[slot] = Int32(mention.end)
            next[mention.start] += 1
        }
        self.starts = starts
        self.indices = indices
        self.labels = labels
        self.ends = ends
    }

    /// The index, among the mentions given, of the mention at `position`.
    @inline(__always)
    func mention(at position: Int) -> Int { Int(indices[position]) }

    /// Where the mentions starting at `token` lie; empty past the last token.
    @inline(__always)
    func positions(of token: Int) -> Range<Int> {
        guard token >= 0, token + 1 < starts.count else { return 0..<0 }
        return Int(starts[token])..<Int(starts[token + 1])
    }

    @inline(__always)
    func label(at position: Int) -> UInt64 { labels[position] }

    @inline(__always)
    func end(at position: Int) -> Int { Int(ends[position]) }
}

/// A growable buffer of plain values, without the copy-on-write and exclusivity checks
/// of an array: the matcher touches its working memory a few hundred times a run. Every
/// element is initialized (new room with `fill`), and the memory goes with the buffer.
struct ScratchBuffer<Element: BitwiseCopyable>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int, fill: Element) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        base.initialize(repeating: fill, count: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `needed` elements; the new room is filled with `fill`.
    @inline(__always)
    mutating func reserve(_ needed: Int, fill: Element) {
        guard needed > capacity else { return }
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let new = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        new.moveInitialize(from: base, count: capacity)
        (new + capacity).initialize(repeating: fill, count: grown - capacity)
        base.deallocate()
        base = new
        capacity = grown
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { reserve(count + 1, fill: element) }
        base[count] = element
        count += 1
    }

    @inline(__always)
    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

/// The working memory of one run of the machine, reused from run to run.
///
/// Its buffers hold plain integers and are touched only by the thread that owns the
/// matcher, one run at a time; its properties opt out of run-time exclusivity checks,
/// which would otherwise cost more than the matching.
final class MatchScratch {
    /// A thread waiting at a position: its instruction and where its capture slots start in `arena`.
    struct Thread {
        var pc: Int
        var slots: Int
        /// The next thread waiting at the same offset, or -1.
        var next = -1
    }

    /// Branches not yet followed while adding threads at one position, last first: an
    /// explicit stack, so that a program of thousands of instructions cannot run deep
    /// recursion on a worker thread's stack.
    @exclusivity(unchecked) private var pending = ScratchBuffer<Thread>(capacity: 64, fill: Thread(pc: 0, slots: 0))
    /// Every thread left waiting in this run; those of one offset are linked in order from
    /// `first[offset]` to `last[offset]`. Only offsets below `reached` are in use.
    @exclusivity(unchecked) private var threads = ScratchBuffer<Thread>(capacity: 256, fill: Thread(pc: 0, slots: 0))
    @exclusivity(unchecked) private var first = ScratchBuffer<Int>(capacity: 80, fill: -1)
    @exclusivity(unchecked) private var last = ScratchBuffer<Int>(capacity: 80, fill: -1)
    /// Per offset, one bit per instruction: reached already.
    @exclusivity(unchecked) private var visited = ScratchBuffer<UInt64>(capacity: 1024, fill: 0)
    /// The words of `visited` set since the last reset: a run that reaches few states clears
    /// few words, however long its program.
    @exclusivity(unchecked) private var dirty = ScratchBuffer<Int>(capacity: 256, fill: 0)
    @exclusivity(unchecked) private var words = 1
    @exclusivity(unchecked) private var reached = 0
    /// Capture slot vectors, `slotCount` positions each, appended as threads save.
    @exclusivity(unchecked) private var arena = ScratchBuffer<Int>(capacity: 1024, fill: -1)
    @exclusivity(unchecked) private var slotCount = 0

    func reset(instructions: Int, slotCount: Int) {
        for offset in 0..<reached {
            first[offset] = -1
            last[offset] = -1
        }
        for index in 0..<dirty.count { visited[dirty[index]] = 0 }
        dirty.count = 0
        threads.count = 0
        pending.count = 0
        reached = 0
        words = (instructions + 63) / 64
        arena.count = 0
        self.slotCount = slotCount
    }

    /// Makes room for `offset` and every offset before it.
    @inline(__always)
    func reach(_ offset: Int) {
        guard offset >= reached else { return }
        first.reserve(offset + 1, fill: -1)
        last.reserve(offset + 1, fill: -1)
        visited.reserve((offset + 1) * words, fill: 0)
        reached = offset + 1
    }

    /// Marks instruction `pc` reached at `offset` (made room for with `reach`); false
    /// when it was already.
    @inline(__always)
    func visit(_ pc: Int, at offset: Int) -> Bool {
        let word = offset * words + pc >> 6
        let mask = UInt64(1) << UInt64(pc & 63)
        let bits = visited[word]
        if bits & mask != 0 { return false }
        if bits == 0 { dirty.append(word) }
        visited[word] = bits | mask
        return true
    }

    @inline(__always)
    func push(pc: Int, slots: Int) {
        pending.append(Thread(pc: pc, slots: slots))
    }

    @inline(__always)
    func pop() -> Thread? {
        pending.popLast()
    }

    /// Leaves a thread waiting at `offset`, after those already there.
    @inline(__always)
    func wait(pc: Int, slots: Int, at offset: Int) {
        let index = threads.count
        threads.append(Thread(pc: pc, slots: slots))
        if last[offset] >= 0 { threads[last[offset]].next = index } else { first[offset] = index }
        last[offset] = index
    }

    /// The first offset at or after `offset` with threads waiting, or nil.
    func nextWaiting(from offset: Int) -> Int? {
        var offset = offset
        while offset < reached {
            if first[offset] >= 0 { return offset }
            offset += 1
        }
        return nil
    }

    /// The first thread waiting at `offset`, or -1; threads are only ever added at later
    /// offsets while those of one offset are stepped.
    @inline(__always)
    func firstWaiting(at offset: Int) -> Int { first[offset] }

    @inline(__always)
    func thread(_ index: Int) -> Thread { threads[index] }

    /// A slot vector with every slot unset.
    func initialSlots() -> Int {
        let base = arena.count
        for _ in 0..<slotCount { arena.append(-1) }
        return base
    }

    /// A copy of the slot vector at `base` with `slot` set to `position`.
    func copy(_ base: Int, setting slot: Int, to position: Int) -> Int {
        let copy = arena.count
        arena.reserve(copy + slotCount, fill: -1)
        for index in 0..<slotCount { arena[copy + index] = arena[base + index] }
        arena.count = copy + slotCount
        arena[copy + slot] = position
        return copy
    }

    /// The slot vector at `base`.
    func slots(_ base: Int) -> [Int] {
        (0..<slotCount).map { arena[base + $0] }
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
