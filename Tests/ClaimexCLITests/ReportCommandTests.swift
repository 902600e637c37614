import Foundation
import Testing

/// `claimex report` from pages, from JSON Lines, and against a baseline.
@Suite struct ReportCommandTests {
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func pagesAndTheirRecordsGiveTheSamePage() throws {
        let folder = try PageFolder()
        try folder.write("pages/a.html", page: "Quarry raises")
        try folder.write("pages/sub/b.html", page: "Second & last")
        let extract = try CLIRunner.run(["extract", "pages", "-o", "records.jsonl", "--quiet"], in: folder.url)
        #expect(extract.status == 0)
        let records = try records(String(contentsOfFile: folder.path("records.jsonl"), encoding: .utf8))
        let amounts = records.filter { $0["kind"] as? String == "money" }.count
        #expect(amounts == 2)

        let fromPages = try CLIRunner.run(["report", "pages", "-o", "from-pages.html"], in: folder.url)
        #expect(fromPages.status == 0, "\(fromPages.stderr)")
        #expect(fromPages.stderr == "claimex: wrote from-pages.html: 2 pages\n")
        let fromRecords = try CLIRunner.run(["report", "records.jsonl", "-o", "from-records.html"], in: folder.url)
        #expect(fromRecords.status == 0)
        let html = try String(contentsOfFile: folder.path("from-pages.html"), encoding: .utf8)
        #expect(html == (try String(contentsOfFile: folder.path("from-records.html"), encoding: .utf8)))
        #expect(Self.count("<mark class=\"rec money", in: html) == amounts)
        #expect(Self.count("<section class=\"page\"", in: html) == 2)
        #expect(html.contains("<h2>Second &amp; last</h2>"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func aBaselineFolderIsReadAsRecords() throws {
        let folder = try PageFolder()
        try folder.write("pages/a.html", page: "Quarry raises")
        #expect(try CLIRunner.run(["extract", "pages", "-o", "base/", "--quiet"], in: folder.url).status == 0)
        let result = try CLIRunner.run(["report", "base", "-o", "r.html"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: folder.path("r.html"), encoding: .utf8)
        #expect(html.contains("<p class=\"meta\">pages/a.html"))
    }

    @Test func againstABaselineShowsTheChanges() throws {
        let folder = try PageFolder()
        try folder.write("pages/a.html", page: "Quarry raises")
        #expect(try CLIRunner.run(["extract", "pages", "-o", "base/", "--quiet"], in: folder.url).status == 0)
        let rules = try RuleFiles(copyingInto: folder.url)
        try rules.remove("money.symbol-number-scale")
        let result = try CLIRunner.run(["report", "pages", "--baseline", "base", "--rules", rules.folder.path, "-o", "r.html"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: folder.path("r.html"), encoding: .utf8)
        #expect(html.contains("— against base/: 1 page changed, 0 added, 1 removed, 0 changed records"))
        #expect(html.contains("<li class=\"chg removed\" data-kind=\"money\" data-rules=\"money.symbol-number-scale\"><code>-</code> money &quot;about $300 million&quot; 300000000 USD"))
        #expect(html.contains("<label><input type=\"checkbox\" id=\"changed\"> changed pages only</label>"))

        let mixed = try CLIRunner.run(["report", "base", "--baseline", "base", "-o", "x.html"], in: folder.url)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("--baseline compares pages with a baseline; give pages or folders of pages, not JSON Lines"))
        let missing = try CLIRunner.run(["report", "nowhere", "-o", "x.html"], in: folder.url)
        #expect(missing.status == 2)
    }
}
