import ArgumentParser
import Claimex
import ClaimexModel
import Foundation

/// `claimex extract`: pages in, JSON Lines out.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract articles and claims from HTML pages as JSON Lines.",
        discussion: """
        PATH is an HTML file or a folder, walked recursively for *.html, *.htm and *.xhtml.
        With `-` or no PATH, a list of paths is read from standard input, one per line.
        Records come out grouped by page, pages in sorted-path order, whatever --jobs is.
        A page that cannot be read, decoded or parsed, or that goes over a limit, gives an
        `error` record and the run goes on. Ctrl-C (or SIGTERM) stops after the page being
        written, with status 130 (143): standard output ends at a page boundary, and
        `-o FILE` keeps its previous contents.

        Examples:
          claimex extract Corpus > claims.jsonl
          find crawl -name '*.html' | claimex extract --jobs 8 -o claims.jsonl
          claimex extract Corpus -o Output/        (one FILE.jsonl per page, mirroring Corpus)
        """
    )

    @Argument(help: "HTML files or folders; `-` or nothing reads paths from standard input.")
    var paths: [String] = []

    @OptionGroup var rulesOption: RulesOption

    @Option(name: .customShort("o"), help: ArgumentHelp(
        "Write to FILE (replaced when the run completes) instead of standard output; a path ending in `/` or an existing folder gets one FILE.jsonl per page.",
        valueName: "FILE|DIR/"))
    var output: String?

    @Option(help: "Worker threads (default: every core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

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

    @Flag(name: .shortAndLong, help: "Print no summary line at the end.")
    var quiet = false

    @Flag(help: "Also print each page's notes (libxml2's complaints, encoding decisions).")
    var verbose = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1 (got \(jobs)).") }
        guard maxPageBytes >= 1 else { throw ValidationError("--max-page-bytes must be positive.") }
        guard (1...ProcessingLimits.depthCeiling).contains(maxDepth) else {
            throw ValidationError("--max-depth must be between 1 and \(ProcessingLimits.depthCeiling) (got \(maxDepth)).")
        }
        guard pageTimeout >= 0, pageTimeout.isFinite else { throw ValidationError("--page-timeout must be 0 (no limit) or a number of seconds.") }
    }

    func run() throws {
        // Rules are checked before any page is read: a bad rule file stops the run with exit 2.
        let rules = try rulesOption.load()
        let collector = InputCollector(followSymlinks: followSymlinks)
        let inputs: [InputItem]
        if paths.isEmpty || paths == ["-"] {
            let list = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            inputs = collector.collect(pathList: list)
        } else {
            inputs = collector.collect(paths.filter { $0 != "-" })
        }

        let destination: OutputDestination
        if let output {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
            destination = output.hasSuffix("/") || (exists && isDirectory.boolValue) ? .directory(output) : .file(output)
        } else {
            destination = .standardOutput
        }

        let limits = ProcessingLimits(maxPageBytes: maxPageBytes, maxDepth: maxDepth, pageTimeout: pageTimeout > 0 ? pageTimeout : nil,
                                      followSymlinks: followSymlinks)
        var run = Extraction(inputs: inputs, rules: rules, jobs: jobs, limits: limits)
        run.stopsOnInterrupt = true
        let verbose = verbose
        let summary: ExtractionSummary
        do {
            summary = try run.run(to: destination) { _, item, result in
                for diagnostic in result.diagnostics where verbose || diagnostic.severity == .warning {
                    printError("\(item.path): \(diagnostic)")
                }
                if case .failed(let error) = result.outcome {
                    printError("\(item.path): error: [\(error.stage.rawValue)] \(error.message)")
                }
            }
        } catch .closedPipe {
            return
        } catch {
            printError("claimex: error: \(error)")
            throw ExitCode(1)
        }
        if !quiet {
            let seconds = String(format: "%.2f", summary.seconds)
            printError("claimex: \(summary.pages) pages, \(summary.articles) articles, \(summary.errors) errors in \(seconds) s")
        }
        if let signal = summary.interruptedBy {
            printError("claimex: interrupted after \(summary.pages) of \(inputs.count) pages; \(summary.interruptionNote)")
            throw ExitCode(128 + signal)
        }
        if strict && summary.errors > 0 {
            throw ExitCode(1)
        }
    }
}
