import Foundation
import Testing

/// Every hostile page gives exactly one `article` or `error` record with an actionable
/// message, the run goes on, and the exit status is 0.
@Suite struct HostileInputTests {
    @Test(arguments: HostilePage.all)
    func eachKindGivesOneExpectedRecord(_ page: HostilePage) throws {
        let scratch = try Scratch()
        let path = try scratch.write(page.name, page.bytes())
        let result = try Runner.claimex(["extract", path])
        #expect(result.status == 0, "\(result.stderr)")
        let pages = try pageRecords(result.stdout)
        try #require(pages.count == 1, "\(result.stderr)")
        let record = pages[0]
        #expect(record["path"] as? String == path)
        check(record, against: page.expected)
        if let warning = page.warning {
            #expect(result.stderr.contains(warning), "\(result.stderr)")
        }
        #expect(result.stderr.contains("claimex: 1 pages, "))
    }

    @Test func allKindsInOneFolderGiveOneRecordGroupEach() throws {
        let scratch = try Scratch()
        for page in HostilePage.all {
            try scratch.write("crawl/" + page.name, page.bytes())
        }
        try scratch.link("crawl/dangling.html", to: "nowhere.html")
        try scratch.link("crawl/loop/again", to: "..")
        let result = try Runner.claimex(["extract", "--jobs", "2", scratch.at("crawl")])
        #expect(result.status == 0, "\(result.stderr)")
        let all = try records(result.stdout)
        // Record groups: each starts with the page's article or error record, and every
        // other record belongs to the page before it.
        let pages = all.filter { ["article", "error"].contains($0["kind"] as? String) }
        let expectedPaths = (HostilePage.all.map(\.name) + ["dangling.html"]).map { scratch.at("crawl/" + $0) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(pages.map { $0["path"] as? String ?? "" } == expectedPaths)
        var current: String?
        for record in all {
            if ["article", "error"].contains(record["kind"] as? String) {
                current = record["doc"] as? String
            } else {
                #expect(record["doc"] as? String == current)
            }
        }
        for page in HostilePage.all {
            let record = try #require(pages.first { $0["path"] as? String == scratch.at("crawl/" + page.name) })
            check(record, against: page.expected)
        }
        let errors = HostilePage.all.filter { if case .error = $0.expected { true } else { false } }.count + 1
        #expect(result.stderr.contains("claimex: \(expectedPaths.count) pages, \(expectedPaths.count - errors) articles, \(errors) errors"))
    }

    @Test func pathListWithCRLFEndingsAndBlankLines() throws {
        let scratch = try Scratch()
        let first = try scratch.write("a page.html", Pages.utf8(Pages.page()))
        let second = try scratch.write("ünïcode/b.htm", Pages.utf8(Pages.page()))
        let list = "\r\n\(first)\r\n\r\n  \(second)  \r\n\n\r\n\(first)\r\n"
        let result = try Runner.claimex(["extract", "-"], stdin: list)
        #expect(result.status == 0)
        #expect(try pageRecords(result.stdout).map { $0["path"] as? String } == [first, second])
    }

    @Test func fileNameThatIsNotUTF8IsReportedNotLost() throws {
        let scratch = try Scratch()
        try scratch.write("good.html", Pages.utf8(Pages.page()))
        // Made by the shell: Swift strings cannot hold such a name.
        _ = try Runner.shell("printf '<p>x</p>' > '\(scratch.path)'/$'bad\\xff\\xfe.html'")
        let result = try Runner.claimex(["extract", scratch.path])
        #expect(result.status == 0)
        let pages = try pageRecords(result.stdout)
        #expect(pages.map { $0["kind"] as? String } == ["error", "article"])
        #expect(pages[0]["stage"] as? String == "read")
        #expect((pages[0]["message"] as? String)?.contains("the file name is not valid UTF-8") == true)
        #expect((pages[0]["path"] as? String)?.hasSuffix("/bad\u{FFFD}\u{FFFD}.html") == true)
    }

    @Test func pipeNamedLikeAPageIsReportedAndNeverOpened() throws {
        let scratch = try Scratch()
        try scratch.write("good.html", Pages.utf8(Pages.page()))
        #expect(mkfifo(scratch.at("pipe.html"), 0o644) == 0)
        // Opening a FIFO would block forever; the run must end with an error record.
        let result = try Runner.claimex(["extract", scratch.path])
        #expect(result.status == 0)
        let pages = try pageRecords(result.stdout)
        #expect(pages.map { $0["kind"] as? String } == ["article", "error"])
        #expect(pages[1]["message"] as? String == "this is not a regular file (a pipe, socket or device); save the page to a file first")
    }

    @Test func folderGivenAsAPageAndMissingPathsAreErrors() throws {
        let scratch = try Scratch()
        let folder = scratch.at("folder.html")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try Runner.claimex(["extract", "-"], stdin: "\(folder)\n\(scratch.at("missing.html"))\n")
        #expect(result.status == 0)
        let pages = try pageRecords(result.stdout)
        // A folder given by name is walked (it holds no page); the missing path is an error.
        #expect(pages.map { $0["message"] as? String } == ["no such file; check the path"])
    }
}

/// Checks one page record against what its kind must give.
func check(_ record: [String: Any], against expected: HostilePage.Expected, sourceLocation: SourceLocation = #_sourceLocation) {
    switch expected {
    case .article(let encoding, let contains, let excludes):
        #expect(record["kind"] as? String == "article", "\(record)", sourceLocation: sourceLocation)
        #expect(record["encoding"] as? String == encoding, sourceLocation: sourceLocation)
        let text = record["text"] as? String ?? ""
        for wanted in contains {
            #expect(text.contains(wanted), "missing \(wanted.prefix(80))", sourceLocation: sourceLocation)
        }
        for unwanted in excludes {
            #expect(!text.contains(unwanted), "holds \(unwanted)", sourceLocation: sourceLocation)
            #expect(!(record["title"] as? String ?? "").contains(unwanted), sourceLocation: sourceLocation)
        }
    case .error(let stage, let message):
        #expect(record["kind"] as? String == "error", "\(record)", sourceLocation: sourceLocation)
        #expect(record["stage"] as? String == stage, sourceLocation: sourceLocation)
        #expect((record["message"] as? String ?? "").contains(message), "\(record["message"] ?? "")", sourceLocation: sourceLocation)
    }
}
