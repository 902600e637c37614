import ClaimexModel
import ClaimexRules
import Foundation

/// Counts of one run, for the summary line.
public struct ExtractionSummary: Sendable, Hashable {
    /// Pages processed.
    public var pages = 0
    /// Pages that gave an article.
    public var articles = 0
    /// Pages that gave an error record.
    public var errors = 0
    /// Seconds from start to end.
    public var seconds = 0.0
    /// The signal that stopped the run early (SIGINT, SIGTERM), or nil when it ran to the end.
    /// The output then ends after the last whole page written; `-o FILE` is left as it was.
    public var interruptedBy: Int32?
    /// When interrupted: what state the output was left in, in words.
    public var interruptionNote = ""

    /// Creates an empty summary.
    public init() {}
}

/// `claimex extract` as a library call: pages in, records out, in sorted-path order.
public struct Extraction: Sendable {
    /// The pages, sorted.
    public let inputs: [InputItem]
    /// Worker threads.
    public let jobs: Int
    /// Per-page limits.
    public let limits: ProcessingLimits
    /// The rules applied.
    public let rules: RuleSet
    /// Whether SIGINT and SIGTERM stop the run cleanly (after the page being written)
    /// rather than end the process.
    public var stopsOnInterrupt = false

    /// Creates a run over `inputs`.
    public init(inputs: [InputItem], rules: RuleSet, jobs: Int, limits: ProcessingLimits = ProcessingLimits()) {
        self.inputs = inputs
        self.rules = rules
        self.jobs = jobs
        self.limits = limits
    }

    /// Processes every page and writes its records to `destination`; `onResult` sees each
    /// result after it is written (for diagnostics and progress).
    public func run(to destination: OutputDestination,
                    onResult: (Int, InputItem, DocumentResult) -> Void = { _, _, _ in }) throws(OutputError) -> ExtractionSummary {
        var sink: any RecordSink
        switch destination {
        case .standardOutput: sink = StandardOutputSink()
        case .file(let path): sink = try FileSink(path: path)
        case .directory(let folder): sink = try DirectorySink(folder: folder)
        }
        let start = Date()
        var summary = ExtractionSummary()
        let processor = DocumentProcessor(rules: rules, limits: limits)
        let watcher = stopsOnInterrupt ? InterruptWatcher() : nil
        defer { watcher?.cancel() }
        let stop = watcher?.stop
        do {
            try OrderedParallelMap<InputItem, DocumentResult>(jobs: jobs).run(inputs, transform: { item in
                processor.process(item, stop: stop)
            }, consume: { index, item, result in
                // Once asked to stop, no further page is written: results may be cut short.
                if let stop, stop.isRequested { throw Interrupted() }
                try sink.write(item, result)
                summary.pages += 1
                if case .failed = result.outcome { summary.errors += 1 } else { summary.articles += 1 }
                onResult(index, item, result)
            })
            if let stop, stop.isRequested { throw Interrupted() }
            try sink.finish()
        } catch is Interrupted {
            try sink.abandon()
            summary.interruptedBy = watcher?.receivedSignal ?? SIGINT
            switch destination {
            case .standardOutput: summary.interruptionNote = "the output ends after the last whole page written"
            case .file(let path): summary.interruptionNote = "\(path) was left as it was (no partial file is ever put in its place)"
            case .directory(let folder): summary.interruptionNote = "the page files written to \(folder) are complete; no stale file was removed"
            }
        } catch let error as OutputError {
            throw error
        } catch {
            throw .writeFailed("output", "\(error)")
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}

/// Thrown by the consumer to end a run that was asked to stop.
private struct Interrupted: Error {}
