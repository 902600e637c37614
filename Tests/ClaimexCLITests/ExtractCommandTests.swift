import Foundation
import Testing

@Suite struct ExtractCommandTests {
    @Test func folderIsWalkedRecursivelyInSortedOrder() throws {
        let folder = try PageFolder()
        try folder.write("b/second.html", page: "Second headline here")
        try folder.write("a.htm", page: "First headline here")
        try folder.write("b/notes.txt", Array("not a page".utf8))
        try folder.write("c/third.xhtml", page: "Third headline here")
        let result = try CLIRunner.run(["extract", folder.url.path])
        #expect(result.status == 0)
        let all = try records(result.stdout)
        // Each page's records are together, its article record first, then its claims.
        let docs = all.map { $0["doc"] as? String ?? "" }
        let starts = all.indices.filter { $0 == 0 || docs[$0] != docs[$0 - 1] }
        #expect(starts.count == 3)
        #expect(starts.allSatisfy { all[$0]["kind"] as? String == "article" })
        #expect(all.filter { $0["kind"] as? String == "money" }.count == 3)
        let lines = all.filter { $0["kind"] as? String == "article" }
        #expect(lines.map { $0["title"] as? String } == ["First headline here", "Second headline here", "Third headline here"])
        #expect(lines.map { $0["path"] as? String } == [folder.path("a.htm"), folder.path("b/second.html"), folder.path("c/third.xhtml")])
        #expect(lines.allSatisfy { $0["v"] as? Int == 1 && ($0["doc"] as? String)?.count == 16 })
        #expect(result.stderr.contains("claimex: 3 pages, 3 articles, 0 errors"))
    }

    @Test func badPagesBecomeErrorRecordsAndTheRunGoesOn() throws {
        let folder = try PageFolder()
        let good = try folder.write("good.html", page: "A good page headline")
        let empty = try folder.write("empty.html", [])
        let gzip = try folder.write("gzip.html", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00])
        let missing = folder.path("missing.html")
        let result = try CLIRunner.run(["extract", good, empty, gzip, missing])
        #expect(result.status == 0)
        let lines = try records(result.stdout).filter { ["article", "error"].contains($0["kind"] as? String) }
        #expect(lines.map { $0["kind"] as? String } == ["error", "article", "error", "error"])
        #expect(lines.map { $0["stage"] as? String } == ["decode", nil, "decode", "read"])
        #expect(lines[3]["doc"] is NSNull)
        #expect(lines[3]["message"] as? String == "no such file; check the path")
        #expect(result.stderr.contains("\(missing): error: [read] no such file; check the path"))

        let strict = try CLIRunner.run(["extract", "--strict", good, missing])
        #expect(strict.status == 1)
    }

    @Test func usageErrorsExitTwoWithNothingOnStdout() throws {
        for arguments in [["extract", "--jobs", "0"], ["extract", "--no-such-flag"], ["frobnicate"]] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(!result.stderr.isEmpty)
        }
    }

    @Test func outputIsIdenticalForAnyNumberOfJobs() throws {
        let folder = try PageFolder()
        for index in 0..<24 {
            try folder.write("p\(index % 5)/page-\(index).html", page: "Headline number \(index) of the test")
        }
        try folder.write("p1/broken.html", [0x1F, 0x8B])
        let one = try CLIRunner.run(["extract", "--jobs", "1", folder.url.path])
        let four = try CLIRunner.run(["extract", "--jobs", "4", folder.url.path])
        #expect(one.status == 0 && four.status == 0)
        #expect(try records(one.stdout).filter { ["article", "error"].contains($0["kind"] as? String) }.count == 25)
        #expect(one.stdout == four.stdout)
    }

    @Test func pathListFromStandardInput() throws {
        let folder = try PageFolder()
        let first = try folder.write("x.html", page: "From the list one")
        let second = try folder.write("y.html", page: "From the list two")
        let result = try CLIRunner.run(["extract"], stdin: "\(second)\r\n\n  \n\(first)\r\n")
        #expect(result.status == 0)
        #expect(try records(result.stdout).compactMap { $0["path"] as? String } == [first, second])
        let dash = try CLIRunner.run(["extract", "-"], stdin: first + "\n")
        #expect(try records(dash.stdout).compactMap { $0["path"] as? String } == [first])
    }

    @Test func outputFolderMirrorsTheInputTreeAndDropsStaleFiles() throws {
        let folder = try PageFolder()
        try folder.write("in/a.html", page: "Mirror page one")
        try folder.write("in/deep/b.html", page: "Mirror page two")
        try folder.write("out/gone.html.jsonl", Array("{}\n".utf8))
        try folder.write("out/keep.txt", Array("user file".utf8))
        let result = try CLIRunner.run(["extract", folder.path("in"), "-o", folder.path("out") + "/"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let a = try String(contentsOfFile: folder.path("out/a.html.jsonl"), encoding: .utf8)
        let b = try String(contentsOfFile: folder.path("out/deep/b.html.jsonl"), encoding: .utf8)
        #expect(try records(a).first?["title"] as? String == "Mirror page one")
        #expect(try records(b).first?["title"] as? String == "Mirror page two")
        #expect(!FileManager.default.fileExists(atPath: folder.path("out/gone.html.jsonl")))
        #expect(FileManager.default.fileExists(atPath: folder.path("out/keep.txt")))
        let all = try CLIRunner.run(["extract", folder.path("in")])
        #expect(a + b == all.stdout)
    }

    @Test func outputFileHoldsTheSameRecordsAsStdout() throws {
        let folder = try PageFolder()
        try folder.write("in/a.html", page: "File output page")
        let result = try CLIRunner.run(["extract", folder.path("in"), "-o", folder.path("claims.jsonl")])
        #expect(result.status == 0)
        let written = try String(contentsOfFile: folder.path("claims.jsonl"), encoding: .utf8)
        #expect(written == (try CLIRunner.run(["extract", folder.path("in")])).stdout)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }
}
