import ClaimexModel
import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a `StopRequest`, so that `claimex extract` stops after
/// the page it is writing, with its output valid, instead of dying mid-record.
///
/// The signals are handled on a dispatch queue, not in a signal handler, so the handler may
/// take locks. A second signal of the same kind ends the process at once, the usual way.
public final class InterruptWatcher: @unchecked Sendable {
    /// Set when a watched signal arrives.
    public let stop = StopRequest()
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []

    /// Starts watching `signals` (SIGINT and SIGTERM by default) until `cancel`.
    public init(signals: [Int32] = [SIGINT, SIGTERM]) {
        for number in signals {
            // The default action would end the process before the source sees the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.handle(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        cancel()
    }

    /// The first signal received, or nil.
    public var receivedSignal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Stops watching and restores the default action of the signals.
    public func cancel() {
        lock.lock()
        let watched = sources
        sources = []
        lock.unlock()
        for source in watched {
            source.cancel()
            Glibc.signal(Int32(source.handle), SIG_DFL)
        }
    }

    private func handle(_ number: Int32) {
        lock.lock()
        let again = received == number
        if received == nil { received = number }
        lock.unlock()
        if again {
            // Asked twice: the user wants out now.
            Glibc.signal(number, SIG_DFL)
            raise(number)
        }
        stop.request()
    }
}
