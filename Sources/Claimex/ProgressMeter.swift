import Foundation

/// The progress line of a long run, redrawn in place on a terminal:
/// `claimex: 1200/20000 pages (6%), 410 pages/s, ETA 0:41, 3 errors`.
///
/// Redraws at most every `interval` seconds so a fast run spends no time printing, and
/// clears its line before the closing summary is printed.
public final class ProgressMeter {
    /// Pages in the run.
    public let total: Int
    /// Seconds between redraws.
    public let interval: Double
    private let write: (String) -> Void
    private var lastDraw = -Double.infinity
    private var drawn = false

    /// Creates a meter for `total` pages that writes through `write` (standard error by default).
    public init(total: Int, interval: Double = 0.2, write: @escaping (String) -> Void = ProgressMeter.standardError) {
        self.total = total
        self.interval = interval
        self.write = write
    }

    /// Redraws the line if `interval` has passed since the last time.
    public func update(_ summary: ExtractionSummary) {
        guard summary.seconds - lastDraw >= interval || summary.pages == total else { return }
        lastDraw = summary.seconds
        drawn = true
        write("\r" + Self.line(summary, total: total) + "\u{1B}[K")
    }

    /// Clears the line, leaving the cursor at the start of an empty line.
    public func clear() {
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    /// The progress text for `summary` out of `total` pages.
    public static func line(_ summary: ExtractionSummary, total: Int) -> String {
        let percent = total > 0 ? summary.pages * 100 / total : 100
        var text = "claimex: \(summary.pages)/\(total) pages (\(percent)%)"
        if summary.seconds > 0 && summary.pages > 0 {
            let rate = Double(summary.pages) / summary.seconds
            text += ", " + String(format: rate >= 10 ? "%.0f" : "%.1f", rate) + " pages/s"
            text += ", ETA " + duration(Double(total - summary.pages) / rate)
        }
        text += ", \(summary.errors) errors"
        if summary.skipped > 0 { text += ", \(summary.skipped) skipped" }
        return text
    }

    /// `0:07`, `12:30`, `3:05:00`.
    public static func duration(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded(.up)))
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }

    /// Writes to standard error, unbuffered.
    public static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
