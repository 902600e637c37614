import ArgumentParser
import Foundation

/// `--jobs N`, shared by every command that extracts pages.
struct JobsOption: ParsableArguments {
    @Option(help: "Worker threads (default: every core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1 (got \(jobs)).") }
    }
}
