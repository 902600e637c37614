import ArgumentParser
import Claimex
import ClaimexModel
import ClaimexSQLite
import Foundation

/// `claimex extract`: pages in, JSON Lines (or CSV, or SQLite) out.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract articles and claims from HTML pages as JSON Lines, CSV or SQLite.",
        discussion: """
        PATH is an HTML file or a folder, walked recursively for *.html, *.htm and *.xhtml. \
        With `-` or no PATH, a list of paths is read from standard input, one per line. \
        Records come out grouped by page, pages in sorted-path order, whatever --jobs is. \
        A page that cannot be read, decoded or parsed, or that goes over a limit, gives an \
        `error` record and the run goes on. On a terminal, standard error shows progress; a \
        summary line ends the run. Ctrl-C (or SIGTERM) stops after the page being written, \
        with status 130 (143): standard output ends at a page boundary, `-o FILE` and CSV \
        files keep their previous contents, and SQLite keeps the pages written.

        Examples:
          claimex extract Corpus > claims.jsonl
          find crawl -name '*.html' | claimex extract --jobs 8 -o claims.jsonl
          claimex extract Corpus -o Output/    (one FILE.jsonl per page of Corpus)
          claimex extract crawl --format csv -o tables/
          claimex extract crawl --format sqlite -o claims.db --skip-unchanged
          claimex extract crawl --shard 2/8 -o part-2.jsonl
        """
    )

    @Argument(help: "HTML files or folders; `-` or nothing reads paths from standard input.")
    var paths: [String] = []

    @OptionGroup var rulesOption: RulesOption

    @Option(name: .customShort("o"), help: ArgumentHelp(
        "Write to FILE (replaced when the run completes) instead of standard output; with --format jsonl a path ending in `/` or an existing folder gets one FILE.jsonl per page, with --format csv DIR gets one CSV per record kind.",
        valueName: "FILE|DIR/"))
    var output: String?

    @Option(help: ArgumentHelp("Output format; csv needs -o DIR (one file per record kind), sqlite -o FILE (one table per record kind, updated by re-runs).", valueName: "jsonl|csv|sqlite"))
    var format: OutputFormat = .jsonl

    @Flag(help: "With --format sqlite: pass over pages whose id (the hash of their bytes) is already in the database.")
    var skipUnchanged = false

    @Option(help: ArgumentHelp("Process only share K of N of the inputs (1 ≤ K ≤ N), chosen by a hash of each path: the N shares cover the inputs exactly once.", valueName: "K/N"))
    var shard: String?

    @OptionGroup var jobsOption: JobsOption
    var jobs: Int { jobsOption.jobs }

    @Option(help: "Pages larger than this many bytes become error records.")
    var maxPageBytes: Int = ProcessingLimits().maxPageBytes

    @Option(help: ArgumentHelp("Elements nested deeper than this are flattened into their ancestor (at most \(ProcessingLimits.depthCeiling)).", valueName: "LEVELS"))
    var maxDepth: Int = ProcessingLimits().maxDepth

    @Option(help: ArgumentHelp("A page taking longer than this becomes an error record; 0 for no limit.", valueName: "SECONDS"))
    var pageTimeout: Double = ProcessingLimits.defaultPageTimeout

    @Flag(help: "Follow symbolic links to folders, and to files outside the folder given (by default such file links give error records).")
    var followSymlinks = false

    @Flag(help: "Exit 1 when any page gave an error record.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print no progress and no summary line.")
    var quiet = false

    @Flag(help: "Show progress on standard error even when it is not a terminal.")
    var progress = false

    @Flag(help: "Also print each page's notes (libxml2's complaints, encoding decisions).")
    var verbose = false

    func validate() throws {
        guard maxPageBytes >= 1 else { throw ValidationError("--max-page-bytes must be positive.") }
        if let problem = format.problem(with: output) { throw ValidationError(problem + ".") }
        if skipUnchanged && format != .sqlite {
            throw ValidationError("--skip-unchanged compares pages with a database: use it with --format sqlite -o FILE.")
        }
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, like 2/8 (got '\(shard)').")
        }
        guard (1...ProcessingLimits.depthCeiling).contains(maxDepth) else {
            throw ValidationError("--max-depth must be between 1 and \(ProcessingLimits.depthCeiling) (got \(maxDepth)).")
        }
        guard pageTimeout >= 0, pageTimeout.isFinite else { throw ValidationError("--page-timeout must be 0 (no limit) or a number of seconds.") }
    }

    func run() throws {
        // Rules are checked before any page is read: a bad rule file stops the run with exit 2.
        let rules = try rulesOption.load()
        let collector = InputCollector(followSymlinks: followSymlinks)
        var inputs: [InputItem]
        if paths.isEmpty || paths == ["-"] {
            let list = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            inputs = collector.collect(pathList: list)
        } else {
            inputs = collector.collect(paths.filter { $0 != "-" })
        }
        if let shard = shard.flatMap(Shard.init) { inputs = shard.select(inputs) }

        let limits = ProcessingLimits(maxPageBytes: maxPageBytes, maxDepth: maxDepth, pageTimeout: pageTimeout > 0 ? pageTimeout : nil,
                                      followSymlinks: followSymlinks)
        var extraction = Extraction(inputs: inputs, rules: rules, jobs: jobs, limits: limits)
        extraction.stopsOnInterrupt = true
        let meter = !quiet && (progress || isatty(STDERR_FILENO) == 1) ? ProgressMeter(total: inputs.count) : nil
        let verbose = verbose
        let onResult = { (_: Int, item: InputItem, result: DocumentResult) in
            var lines: [String] = result.diagnostics.filter { verbose || $0.severity == .warning }.map { "\(item.path): \($0)" }
            if case .failed(let error) = result.outcome {
                lines.append("\(item.path): error: [\(error.stage.rawValue)] \(error.message)")
            }
            guard !lines.isEmpty else { return }
            meter?.clear()
            for line in lines { printError(line) }
        }
        let summary: ExtractionSummary
        do {
            switch format {
            case .jsonl, .csv:
                let destination = format == .csv ? .csv(output ?? ".") : OutputFormat.jsonLinesDestination(output)
                summary = try extraction.run(to: destination, onResult: onResult, onProgress: { meter?.update($0) })
            case .sqlite:
                var sink = try SQLiteSink(path: output ?? "claims.db")
                if skipUnchanged { extraction.unchanged = try sink.documentIDs() }
                summary = try extraction.run(into: &sink, onResult: onResult, onProgress: { meter?.update($0) })
            }
        } catch .closedPipe {
            return
        } catch {
            meter?.clear()
            printError("claimex: error: \(error)")
            throw ExitCode(1)
        }
        meter?.clear()
        if !quiet {
            printError(summary.line)
        }
        // The compiled rules are tens of thousands of small allocations; the process ends
        // right after this, and freeing them one by one would cost more than a hundred pages.
        _ = Unmanaged.passRetained(KeptUntilExit(extraction))
        if let signal = summary.interruptedBy {
            printError("claimex: interrupted after \(summary.pages) of \(inputs.count) pages; \(summary.interruptionNote)")
            throw ExitCode(128 + signal)
        }
        if strict && summary.errors > 0 {
            throw ExitCode(1)
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// A value deliberately never freed: what the process needs until it exits.
private final class KeptUntilExit<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}
