import Foundation
import Testing

/// What claimex reads through symbolic links: nothing outside a folder it was given,
/// unless asked; dangling links and loops are reported, never followed forever.
@Suite struct SymlinkTests {
    /// A crawl folder with a page, links inside and out, and an outside folder.
    private func crawl() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("crawl/page.html", Pages.utf8(Pages.page()))
        try scratch.write("outside/secret.html", Pages.utf8(Pages.page("<p>Outside words that must not be read without asking for it.</p>")))
        try scratch.link("crawl/inside-link.html", to: "page.html")
        try scratch.link("crawl/outside-link.html", to: scratch.at("outside/secret.html"))
        try scratch.link("crawl/dangling.html", to: "gone.html")
        try scratch.link("crawl/self-a.html", to: "self-b.html")
        try scratch.link("crawl/self-b.html", to: "self-a.html")
        try scratch.link("crawl/loop/back", to: "..")
        try scratch.link("crawl/elsewhere", to: scratch.at("outside"))
        return scratch
    }

    @Test func linksOutOfTheFolderAreRefusedAndLoopsReported() throws {
        let scratch = try crawl()
        let result = try Runner.claimex(["extract", scratch.at("crawl")])
        #expect(result.status == 0)
        let pages = try pageRecords(result.stdout)
        #expect(pages.map { ($0["path"] as? String ?? "").replacingOccurrences(of: scratch.at("crawl/"), with: "") }
            == ["dangling.html", "inside-link.html", "outside-link.html", "page.html", "self-a.html", "self-b.html"])
        #expect(pages.map { $0["kind"] as? String } == ["error", "article", "error", "article", "error", "error"])
        #expect(pages[0]["message"] as? String == "the file is a symbolic link to nothing (dangling); fix or remove the link")
        #expect(pages[2]["message"] as? String
            == "the page is a symbolic link to \(scratch.at("outside/secret.html")), outside the folder \(scratch.at("crawl")); links out of a folder are not followed (pass --follow-symlinks to read them, or give the file itself as a PATH)")
        #expect(pages[2]["stage"] as? String == "read")
        #expect(pages[4]["message"] as? String == "the file is a symbolic link that loops back on itself; fix or remove the link")
        #expect(!result.text.contains("Outside words"))
    }

    @Test func followSymlinksReadsOutsideAndWalksEachFolderOnce() throws {
        let scratch = try crawl()
        let result = try Runner.claimex(["extract", "--follow-symlinks", scratch.at("crawl")])
        #expect(result.status == 0)
        let pages = try pageRecords(result.stdout)
        let names = pages.map { ($0["path"] as? String ?? "").replacingOccurrences(of: scratch.at("crawl/"), with: "") }
        // `elsewhere` leads to the outside folder, walked once; `loop/back` leads to the
        // crawl folder itself, already being walked, so it is not entered again.
        #expect(names == ["dangling.html", "elsewhere/secret.html", "inside-link.html", "outside-link.html", "page.html",
                          "self-a.html", "self-b.html"])
        #expect(pages.map { $0["kind"] as? String } == ["error", "article", "article", "article", "article", "error", "error"])
        #expect(result.text.contains("Outside words"))
    }

    @Test func aLinkGivenByNameIsReadWhereverItLeads() throws {
        let scratch = try crawl()
        // The user named this file: it is read even though it leads out of `crawl`.
        let result = try Runner.claimex(["extract", scratch.at("crawl/outside-link.html")])
        #expect(try pageRecords(result.stdout).map { $0["kind"] as? String } == ["article"])
    }

    @Test func aFolderLinkInsideItselfEndsTheWalk() throws {
        let scratch = try Scratch()
        try scratch.write("a/b/page.html", Pages.utf8(Pages.page()))
        try scratch.link("a/b/up", to: "../..")
        try scratch.link("a/b/self", to: ".")
        for flags in [[], ["--follow-symlinks"]] {
            let result = try Runner.claimex(["extract"] + flags + [scratch.at("a")])
            #expect(result.status == 0)
            let pages = try pageRecords(result.stdout)
            // `up` leads to the scratch folder, which holds `a` again: walked once, through the link.
            let expected = flags.isEmpty ? ["b/page.html"] : ["b/page.html", "b/up/a/b/page.html"]
            #expect(pages.map { ($0["path"] as? String ?? "").replacingOccurrences(of: scratch.at("a/"), with: "") } == expected)
        }
    }
}
