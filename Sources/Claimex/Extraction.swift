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
        do {
            try OrderedParallelMap<InputItem, DocumentResult>(jobs: jobs).run(inputs, transform: { item in
                processor.process(path: item.path)
            }, consume: { index, item, result in
                try sink.write(item, result)
                summary.pages += 1
                if case .failed = result.outcome { summary.errors += 1 } else { summary.articles += 1 }
                onResult(index, item, result)
            })
            try sink.finish()
        } catch let error as OutputError {
            throw error
        } catch {
            throw .writeFailed("output", "\(error)")
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
