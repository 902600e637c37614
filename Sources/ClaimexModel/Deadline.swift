import Foundation

/// The time one page may take, checked by the loops that can run long (building the
/// article, matching rules sentence by sentence, building claims).
///
/// A thread cannot be killed from outside, so a page over its budget is stopped
/// cooperatively: each long loop calls `check`, which throws once the budget is spent or
/// the run was asked to stop. A page stopped this way becomes an `error` record.
public struct Deadline: Sendable {
    /// The budget in seconds, or nil for none.
    public let budget: Double?
    private let end: ContinuousClock.Instant?
    private let stop: StopRequest?

    /// A deadline that never passes and cannot be stopped.
    public static let none = Deadline(seconds: nil)

    /// A deadline `seconds` from now (none when nil), also passed as soon as `stop` is requested.
    public init(seconds: Double?, stop: StopRequest? = nil) {
        budget = seconds
        end = seconds.map { ContinuousClock.now.advanced(by: .nanoseconds(Int64(($0 * 1e9).rounded(.up)))) }
        self.stop = stop
    }

    /// Throws when the page is over its budget or the run is stopping; `activity` names
    /// what was being done, for the error message (`matching rules, sentence 120 of 4000`).
    @inline(__always)
    public func check(_ activity: @autoclosure () -> String) throws(PageAbandoned) {
        if let stop, stop.isRequested {
            throw .stopped
        }
        if let end, ContinuousClock.now >= end {
            throw .overTime(budget: budget ?? 0, activity: activity())
        }
    }

    /// Whether `check` would throw now.
    public var hasPassed: Bool {
        (stop?.isRequested ?? false) || end.map { ContinuousClock.now >= $0 } ?? false
    }
}

/// Why work on a page was given up before it finished.
public enum PageAbandoned: Error, Sendable, Hashable, CustomStringConvertible {
    /// The page took longer than its budget.
    case overTime(budget: Double, activity: String)
    /// The run is stopping (an interrupt); the page's result is not written.
    case stopped

    public var description: String {
        switch self {
        case .overTime(let budget, let activity):
            let seconds = budget == budget.rounded() ? String(Int(budget)) : String(budget)
            return "the page took longer than the \(seconds)-second limit (stopped while \(activity)); "
                + "raise it with --page-timeout if the page is a real article"
        case .stopped:
            return "the run was interrupted before this page was finished"
        }
    }
}

/// A flag that asks every page in flight to stop at its next deadline check; set by the
/// interrupt handler, read by the workers.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    /// Creates a flag that is not set.
    public init() {}

    /// Sets the flag.
    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    /// Whether the flag is set.
    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
