import Foundation
import Testing

/// The per-page limits: size, depth and time. A page over a limit is an `error` record (or,
/// for depth, flattened), and the pages after it are processed as usual.
@Suite struct LimitTests {
    @Test func pageOverTheSizeLimitIsAnErrorRecordAndTheNextPageIsRead() throws {
        let scratch = try Scratch()
        let big = try scratch.write("a-big.html", Pages.utf8(Pages.page(String(repeating: "<p>filler</p>", count: 200))))
        let small = try scratch.write("b-small.html", Pages.utf8(Pages.page()))
        let result = try Runner.claimex(["extract", "--max-page-bytes", "2000", big, small])
        #expect(result.status == 0)
        let pages = try pageRecords(result.stdout)
        #expect(pages.map { $0["kind"] as? String } == ["error", "article"])
        #expect(pages[0]["stage"] as? String == "read")
        #expect(pages[0]["doc"] is NSNull)
        #expect(pages[0]["message"] as? String
            == "the page is larger than the 2000-byte limit; raise it with --max-page-bytes if it is a real article")
    }

    @Test func depthLimitFlattensDeeperElementsAndKeepsTheirText() throws {
        let scratch = try Scratch()
        let page = try scratch.write("deep.html", Pages.utf8("<html><body>" + String(repeating: "<div>", count: 60)
            + "<p>Deep inside, the paragraph still reads as the article's text.</p>" + String(repeating: "</div>", count: 60) + "</body></html>"))
        let flat = try Runner.claimex(["extract", "--max-depth", "20", page])
        #expect(flat.stderr.contains("warning: 1 elements nested deeper than 20 levels were flattened"))
        #expect((try pageRecords(flat.stdout).first?["text"] as? String)?.contains("Deep inside, the paragraph") == true)
        let whole = try Runner.claimex(["extract", "--max-depth", "100", page])
        #expect(!whole.stderr.contains("flattened"))
    }

    @Test func pageOverItsTimeBudgetIsAnErrorRecordAndTheNextPageIsRead() throws {
        let scratch = try Scratch()
        // A thousand long lists of investors (300 KB): seconds of rule matching even in a
        // release build, far over two seconds, while reading and parsing take a fraction of
        // a second, under sanitizers too.
        let investors = ["Quarry Ventures", "Kestrel Capital", "Orbit Partners", "Brightwater Capital", "Harbor Ventures",
                         "Summit Partners", "Cedar Capital", "Falcon Ventures", "Granite Partners", "Aspen Capital"]
        let deal = "Existing investors " + investors.dropLast().joined(separator: ", ") + " and " + investors.last!
            + " have together invested a further $5 million in Ferro Robotics, which they backed alongside Lumora Labs. "
        let slow = try scratch.write("a-slow.html", Pages.utf8(Pages.page("<p>" + String(repeating: deal, count: 1000) + "</p>")))
        let quick = try scratch.write("b-quick.html", Pages.utf8(Pages.page()))
        let result = try Runner.claimex(["extract", "--page-timeout", "2", slow, quick])
        #expect(result.status == 0)
        let pages = try pageRecords(result.stdout)
        #expect(pages.map { $0["kind"] as? String } == ["error", "article"])
        #expect(pages[0]["stage"] as? String == "extract")
        let message = try #require(pages[0]["message"] as? String)
        #expect(message.hasPrefix("the page took longer than the 2-second limit (stopped while "))
        #expect(message.hasSuffix("); raise it with --page-timeout if the page is a real article"))
        #expect(pages[0]["doc"] as? String != nil)
    }

    @Test(arguments: [
        (["--max-depth", "0"], "--max-depth must be between 1 and 1000 (got 0)."),
        (["--max-depth", "5000"], "--max-depth must be between 1 and 1000 (got 5000)."),
        (["--page-timeout=-1"], "--page-timeout must be 0 (no limit) or a number of seconds."),
        (["--max-page-bytes", "0"], "--max-page-bytes must be positive."),
    ])
    func badLimitsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try Runner.claimex(["extract"] + arguments + ["/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func helpNamesEveryLimitFlag() throws {
        let result = try Runner.claimex(["extract", "--help"])
        for flag in ["--max-page-bytes", "--max-depth <LEVELS>", "--page-timeout <SECONDS>", "--follow-symlinks"] {
            #expect(result.text.contains(flag), "\(flag)")
        }
    }
}
