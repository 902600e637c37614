import Foundation

/// Runs a function over items on several threads and hands the results to a consumer in
/// the items' order, one at a time, as soon as each is ready.
///
/// At most `window` items are in flight or waiting to be consumed, so memory stays flat
/// however many items there are, and the consumer sees the same order for any thread
/// count. When the consumer throws, no new item is started and the error is rethrown
/// after the running ones finish.
public struct OrderedParallelMap<Item: Sendable, Output: Sendable>: Sendable {
    /// Worker threads.
    public let jobs: Int
    /// Items in flight or finished but not yet consumed.
    public let window: Int

    /// Creates a map with `jobs` workers (at least one) and a window of `4 × jobs` by default.
    public init(jobs: Int, window: Int? = nil) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs, window ?? self.jobs * 4)
    }

    /// Applies `transform` to every item and passes each result, in order, to `consume`.
    public func run(_ items: [Item], transform: @escaping @Sendable (Item) -> Output,
                    consume: (Int, Item, Output) throws -> Void) throws {
        if jobs == 1 || items.count <= 1 {
            for (index, item) in items.enumerated() {
                try consume(index, item, transform(item))
            }
            return
        }
        let state = SharedState<Output>(window: window)
        let workers = (0..<min(jobs, items.count)).map { _ in
            Thread {
                while let index = state.claim(total: items.count) {
                    state.finish(index, transform(items[index]))
                }
                state.workerDone()
            }
        }
        for worker in workers {
            worker.stackSize = 8 << 20
            worker.start()
        }
        var failure: (any Error)?
        for index in items.indices {
            guard let output = state.take(index) else { break }
            do {
                try consume(index, items[index], output)
            } catch {
                failure = error
                state.stop()
                break
            }
        }
        state.waitForWorkers(workers.count)
        if let failure { throw failure }
    }
}

/// The queue between workers and the consumer, guarded by one condition variable.
private final class SharedState<Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let window: Int
    private var nextToClaim = 0
    private var nextToTake = 0
    private var ready: [Int: Output] = [:]
    private var stopped = false
    private var finishedWorkers = 0

    init(window: Int) {
        self.window = window
    }

    /// The next item index for a worker, waiting while the window is full; nil when done.
    func claim(total: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && nextToClaim < total && nextToClaim - nextToTake >= window {
            condition.wait()
        }
        guard !stopped, nextToClaim < total else { return nil }
        defer { nextToClaim += 1 }
        return nextToClaim
    }

    func finish(_ index: Int, _ output: Output) {
        condition.lock()
        ready[index] = output
        condition.broadcast()
        condition.unlock()
    }

    /// The output of item `index`, waiting until a worker has made it.
    func take(_ index: Int) -> Output? {
        condition.lock()
        defer { condition.unlock() }
        while ready[index] == nil && !stopped {
            condition.wait()
        }
        guard let output = ready.removeValue(forKey: index) else { return nil }
        nextToTake = index + 1
        condition.broadcast()
        return output
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    func workerDone() {
        condition.lock()
        finishedWorkers += 1
        condition.broadcast()
        condition.unlock()
    }

    func waitForWorkers(_ count: Int) {
        condition.lock()
        while finishedWorkers < count {
            condition.wait()
        }
        condition.unlock()
    }
}
