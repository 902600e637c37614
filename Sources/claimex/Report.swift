import ArgumentParser
import Claimex
import ClaimexOutput
import Foundation

/// `claimex report`: one static HTML page for reviewing records.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one static HTML page for reviewing records: highlights in the text, edges with evidence, filters, and a diff against a baseline.",
        discussion: """
        PATH is a page, a folder, or a JSON Lines file. Pages (and the pages in
        folders) are extracted with the rules first; a *.jsonl file (and the
        *.jsonl files in folders, such as a baseline folder) is read as records
        claimex wrote. With --baseline DIR, the pages are compared with DIR as
        `claimex test` compares them: each page lists its changes, and added and
        changed records are outlined in the text. --baseline takes pages, not
        JSON Lines.

        The file holds its styles, script and data inline and loads nothing from
        the network. The filters (kind, rule, changed pages only, page name) keep
        their state in the URL after `#`, e.g.
        report.html#kind=money&rule=money.range-symbol

        Examples:
          claimex report Corpus -o report.html
          claimex report Output/ -o report.html      the committed records
          claimex report Corpus --rules my-rules --baseline Output -o review.html
        """)

    @Argument(help: "Pages, folders or JSON Lines files.")
    var paths: [String] = ["Corpus"]

    @Option(name: .customShort("o"), help: ArgumentHelp("The HTML file to write.", valueName: "FILE"))
    var output: String

    @Option(help: ArgumentHelp("Compare the pages with this baseline folder and show what changed.", valueName: "DIR"))
    var baseline: String?

    @OptionGroup var rulesOption: RulesOption

    @OptionGroup var jobsOption: JobsOption
    var jobs: Int { jobsOption.jobs }


    func run() throws {
        var pageArguments: [String] = [], recordFiles: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                printError("claimex: error: no such file or folder '\(path)'")
                throw ExitCode(2)
            }
            if isDirectory.boolValue {
                let files = Self.jsonlFiles(under: path)
                recordFiles += files
                if !InputCollector().collect([path]).isEmpty || files.isEmpty { pageArguments.append(path) }
            } else if path.hasSuffix(".jsonl") {
                recordFiles.append(path)
            } else {
                pageArguments.append(path)
            }
        }
        if baseline != nil && !recordFiles.isEmpty {
            printError("claimex: error: --baseline compares pages with a baseline; give pages or folders of pages, not JSON Lines (\(recordFiles[0]))")
            throw ExitCode(2)
        }

        var pages: [ReviewPage.Page] = []
        do {
            for file in recordFiles {
                let text = String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
                pages += try ReviewPage.pages(jsonLines: text, file: file)
            }
            let inputs = InputCollector().collect(pageArguments)
            if !inputs.isEmpty {
                let rules = try rulesOption.load()
                if let baseline {
                    var fresh: [(InputItem, String)] = []
                    let report = try RegressionRun(inputs: inputs, rules: rules, baseline: baseline, jobs: jobs).run { fresh.append(($0, $1)) }
                    let diffs = Dictionary(report.pages.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
                    for (item, text) in fresh {
                        pages.append(ReviewPage.Page(path: item.path, records: try RegressionRun.recordsOf(text, page: item.path), diff: diffs[item.path]))
                    }
                    for gone in report.pages where gone.status == .gone {
                        pages.append(ReviewPage.Page(path: gone.path, records: [], diff: gone))
                    }
                } else {
                    let encoder = RecordEncoder()
                    let processor = DocumentProcessor(rules: rules)
                    try OrderedParallelMap<InputItem, String>(jobs: jobs).run(inputs, transform: { item in
                        encoder.jsonLines(for: processor.process(path: item.path))
                    }, consume: { _, item, text in
                        pages.append(ReviewPage.Page(path: item.path, records: try RegressionRun.recordsOf(text, page: item.path)))
                    })
                }
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("claimex: error: \(error)")
            throw ExitCode(2)
        }
        guard !pages.isEmpty else {
            printError("claimex: error: no pages or records under \(paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        let html = ReviewPage(pages: pages, baseline: baseline.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }).html()
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printError("claimex: error: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        printError("claimex: wrote \(output): \(pages.count) pages")
    }

    /// The `*.jsonl` files under a folder, sorted, hidden entries skipped.
    static func jsonlFiles(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".jsonl") && !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                files.append((folder as NSString).appendingPathComponent(relative))
            }
        }
        return files.sorted()
    }
}
