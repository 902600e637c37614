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
        A page that cannot be read, decoded or parsed gives an `error` record and the run
        goes on.

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

    @Flag(help: "Exit 1 when any page gave an error record.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print no summary line at the end.")
    var quiet = false

    @Flag(help: "Also print each page's notes (libxml2's complaints, encoding decisions).")
    var verbose = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1 (got \(jobs)).") }
        guard maxPageBytes >= 1 else { throw ValidationError("--max-page-bytes must be positive.") }
    }

    func run() throws {
        // Rules are checked before any page is read: a bad rule file stops the run with exit 2.
        let rules = try rulesOption.load()
        let collector = InputCollector()
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

        let run = Extraction(inputs: inputs, rules: rules, jobs: jobs, limits: ProcessingLimits(maxPageBytes: maxPageBytes))
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
        if strict && summary.errors > 0 {
            throw ExitCode(1)
        }
    }
}
