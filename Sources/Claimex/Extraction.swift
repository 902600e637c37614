import ClaimexModel
import ClaimexRules
import Foundation

/// Counts of one run, for the progress line and the closing summary.
public struct ExtractionSummary: Sendable, Hashable {
    /// Pages seen (processed or skipped).
    public var pages = 0
    /// Pages that gave an article.
    public var articles = 0
    /// Pages that gave an error record.
    public var errors = 0
    /// Pages left out because their document was already in the output (`--skip-unchanged`).
    public var skipped = 0
    /// Records written of each claim kind.
    public var entities = 0
    public var money = 0
    public var investments = 0
    /// Seconds from start to end.
    public var seconds = 0.0
    /// The signal that stopped the run early (SIGINT, SIGTERM), or nil when it ran to the end.
    /// The output then ends after the last whole page written; `-o FILE` is left as it was.
    public var interruptedBy: Int32?
    /// When interrupted: what state the output was left in, in words.
    public var interruptionNote = ""

    /// Creates an empty summary.
    public init() {}

    /// Counts one page's result.
    public mutating func add(_ result: DocumentResult) {
        pages += 1
        switch result.outcome {
        case .failed:
            errors += 1
        case .extracted(let document):
            articles += 1
            entities += document.claims.entities.count
            money += document.claims.money.count
            investments += document.claims.investments.count
        }
    }

    /// The closing line: `claimex: 20 pages, 19 articles, 1 errors in 0.52 s (38.5 pages/s);
    /// records: 19 article, 64 entity, 31 money, 12 investment, 1 error`.
    public var line: String {
        var text = "claimex: \(pages) pages, \(articles) articles, \(errors) errors"
        if skipped > 0 { text += ", \(skipped) skipped (unchanged)" }
        text += " in " + String(format: "%.2f", seconds) + " s"
        if seconds > 0 && pages > 0 { text += " (" + String(format: "%.1f", Double(pages) / seconds) + " pages/s)" }
        text += "; records: \(articles) article, \(entities) entity, \(money) money, \(investments) investment, \(errors) error"
        return text
    }
}

/// `claimex extract` as a library call: pages in, records out, in sorted-path order.
///
/// Pages flow from the sorted input list through a bounded window to `jobs` worker
/// threads; a reorder buffer hands each result to the sink in input order as soon as it
/// and every earlier one are done, so memory holds at most a window of results whatever
/// the number of pages, and the output is the same for any `jobs`.
public struct Extraction: Sendable {
    /// The pages, sorted.
    public let inputs: [InputItem]
    /// Worker threads.
    public let jobs: Int
    /// Per-page limits.
    public let limits: ProcessingLimits
    /// The rules applied.
    public let rules: RuleSet
    /// Documents already in the output: a page with one of these ids is read and hashed but
    /// not processed (`--skip-unchanged`).
    public var unchanged: Set<DocumentID> = []
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
    /// result after it is written (for diagnostics), `onProgress` the counts so far.
    public func run(to destination: OutputDestination,
                    onResult: (Int, InputItem, DocumentResult) -> Void = { _, _, _ in },
                    onProgress: (ExtractionSummary) -> Void = { _ in }) throws(OutputError) -> ExtractionSummary {
        var sink = try destination.makeSink()
        return try run(into: &sink, onResult: onResult, onProgress: onProgress)
    }

    /// Processes every page and writes its records to `sink`, then finishes it.
    public func run(into sink: inout some RecordSink,
                    onResult: (Int, InputItem, DocumentResult) -> Void = { _, _, _ in },
                    onProgress: (ExtractionSummary) -> Void = { _ in }) throws(OutputError) -> ExtractionSummary {
        let start = Date()
        var summary = ExtractionSummary()
        let processor = DocumentProcessor(rules: rules, limits: limits)
        let unchanged = unchanged
        let watcher = stopsOnInterrupt ? InterruptWatcher() : nil
        defer { watcher?.cancel() }
        let stop = watcher?.stop
        do {
            try OrderedParallelMap<InputItem, PageOutcome>(jobs: jobs).run(inputs, transform: { item in
                processor.process(item, stop: stop, unless: unchanged.isEmpty ? nil : { unchanged.contains($0) })
            }, consume: { index, item, outcome in
                // Once asked to stop, no further page is written: results may be cut short.
                if let stop, stop.isRequested { throw Interrupted() }
                switch outcome {
                case .processed(let result):
                    try sink.write(item, result)
                    summary.add(result)
                    onResult(index, item, result)
                case .skipped(let doc):
                    try sink.skip(item, doc: doc)
                    summary.pages += 1
                    summary.skipped += 1
                }
                summary.seconds = Date().timeIntervalSince(start)
                onProgress(summary)
            })
            if let stop, stop.isRequested { throw Interrupted() }
            try sink.finish()
        } catch is Interrupted {
            summary.interruptionNote = try sink.abandon()
            summary.interruptedBy = watcher?.receivedSignal ?? SIGINT
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
