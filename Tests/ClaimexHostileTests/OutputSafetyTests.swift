import Foundation
import Testing

/// Output safety: a reader that goes away, a full disk, and an interrupt never leave
/// broken output behind.
///
/// Semantics under test: standard output ends at a page boundary when interrupted; `-o
/// FILE` is replaced only by a complete run, so after an interrupt or a write error it
/// holds the previous output, untouched, and no temporary file remains; `-o DIR/` keeps
/// the page files written so far (each complete) and removes nothing.
@Suite(.serialized) struct OutputSafetyTests {
    /// Pages enough to outlast the first 64 KiB of output and a second or two of work.
    static let pageCount = 400

    /// A folder of `pageCount` small news pages, and the complete output for it.
    final class Batch: @unchecked Sendable {
        let scratch: Scratch
        let folder: String
        let complete: Data

        init() throws {
            // Shared by the suite in a static, so removed when the test process exits.
            scratch = try Scratch(untilExit: true)
            folder = scratch.at("pages")
            for index in 0..<OutputSafetyTests.pageCount {
                try scratch.write(String(format: "pages/page-%04d.html", index), Pages.utf8(Pages.page(
                    "<p>Page \(index): Harbor Capital invested $\(index + 1) million in Quarry Ventures, the company said on Monday.</p>")))
            }
            let full = try Runner.claimex(["extract", folder, "-q"])
            guard full.status == 0 else { throw CocoaError(.executableLoad) }
            complete = full.stdout
        }

        /// The complete output's lines, grouped by page.
        var groups: [[Data]] {
            var result: [[Data]] = []
            for line in complete.split(separator: UInt8(ascii: "\n")) {
                let text = String(decoding: line, as: UTF8.self)
                if text.contains("\"kind\":\"article\"") || text.contains("\"kind\":\"error\"") { result.append([]) }
                result[result.count - 1].append(Data(line))
            }
            return result
        }
    }

    static let batch = Result { try Batch() }

    @Test func closedPipeEndsTheRunQuietly() throws {
        let batch = try Self.batch.get()
        let result = try Runner.shell("\"$CLAIMEX\" extract '\(batch.folder)' 2>'\(batch.scratch.at("err"))' | head -n 1 >/dev/null; echo ${PIPESTATUS[0]}")
        #expect(result.text == "0\n")
        let errors = try String(contentsOfFile: batch.scratch.at("err"), encoding: .utf8)
        #expect(!errors.contains("error"), "\(errors)")
        // Diagnostics on the same closed pipe do not kill it either.
        let shared = try Runner.shell("\"$CLAIMEX\" extract '\(batch.folder)' 2>&1 | head -n 1 >/dev/null; echo ${PIPESTATUS[0]}")
        #expect(shared.text == "0\n")
    }

    @Test func fullDiskOnStandardOutputExitsOneWithAMessage() throws {
        let batch = try Self.batch.get()
        let result = try Runner.shell("\"$CLAIMEX\" extract '\(batch.folder)' >/dev/full")
        #expect(result.status == 1)
        #expect(result.stderr.contains("claimex: error: writing standard output failed: No space left on device; the output is incomplete"))
    }

    // scripts/sanitize says which sanitizer the binary was built with; ThreadSanitizer's
    // runtime dies at start-up under a file size limit, so there the tmpfs test stands in.
    @Test(.disabled(if: ProcessInfo.processInfo.environment["CLAIMEX_SANITIZER"] == "thread",
                    "the ThreadSanitizer runtime cannot start under a file size limit"))
    func writeErrorOnOutputFileLeavesThePreviousFile() throws {
        let batch = try Self.batch.get()
        let output = batch.scratch.at("out/claims.jsonl")
        try batch.scratch.write("out/claims.jsonl", Pages.utf8("previous\n"))
        // A file size limit of 16 blocks stands for a disk that fills up mid-run.
        let result = try Runner.shell("trap '' XFSZ; ulimit -f 16; \"$CLAIMEX\" extract '\(batch.folder)' -o '\(output)'")
        #expect(result.status == 1)
        #expect(result.stderr.contains("claimex: error: writing \(output) failed: File too large; the previous file, if any, was left in place"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: batch.scratch.at("out")) == ["claims.jsonl"])
    }

    @Test(.enabled(if: Tmpfs.canMount, "needs permission to mount a tmpfs"))
    func fullTmpfsLeavesThePreviousFile() throws {
        let batch = try Self.batch.get()
        let mount = batch.scratch.at("tiny")
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        try #require(Tmpfs.mount(mount, kilobytes: 64))
        defer { Tmpfs.unmount(mount) }
        try batch.scratch.write("tiny/claims.jsonl", Pages.utf8("previous\n"))
        let result = try Runner.claimex(["extract", batch.folder, "-o", mount + "/claims.jsonl"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("failed: No space left on device; the previous file, if any, was left in place"))
        #expect(try String(contentsOfFile: mount + "/claims.jsonl", encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mount) == ["claims.jsonl"])
    }

    @Test func interruptEndsStandardOutputAtAPageBoundary() throws {
        let batch = try Self.batch.get()
        let outputPath = batch.scratch.at("interrupted.jsonl")
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        let process = try start(["extract", batch.folder, "--jobs", "2"], stdout: outputPath)
        // Wait for the first 64 KiB of records, then interrupt mid-run.
        try waitUntil { (try? FileManager.default.attributesOfItem(atPath: outputPath)[.size] as? Int) ?? 0 > 0 }
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let written = try Data(contentsOf: URL(fileURLWithPath: outputPath))
        let lines = written.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        #expect(lines.last?.isEmpty == true, "the output ends with a whole line")
        _ = try records(written)
        // Exactly the first N page groups of a complete run.
        let groups = batch.groups
        let pages = try pageRecords(written).count
        #expect(pages > 0 && pages < Self.pageCount, "\(pages) pages")
        let expected = groups.prefix(pages).flatMap { $0 }.map { $0 + Data([0x0A]) }.reduce(Data(), +)
        #expect(written == expected)
    }

    @Test func interruptLeavesThePreviousOutputFileIntact() throws {
        let batch = try Self.batch.get()
        let output = batch.scratch.at("keep/claims.jsonl")
        try batch.scratch.write("keep/claims.jsonl", Array(batch.complete))
        let process = try start(["extract", batch.folder, "--jobs", "1", "-o", output], stdout: "/dev/null")
        // Wait until the new file is being written beside the old one, then interrupt.
        try waitUntil {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: batch.scratch.at("keep"))) ?? []
            return names.contains { $0.hasPrefix(".claims.jsonl.tmp-") }
        }
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == batch.complete)
        #expect(try FileManager.default.contentsOfDirectory(atPath: batch.scratch.at("keep")) == ["claims.jsonl"])
    }

    @Test func terminateKeepsWholePageFilesAndRemovesNothing() throws {
        let batch = try Self.batch.get()
        let folder = batch.scratch.at("mirror")
        try batch.scratch.write("mirror/old-page.html.jsonl", Pages.utf8("stale but kept\n"))
        let process = try start(["extract", batch.folder, "--jobs", "1", "-o", folder + "/"], stdout: "/dev/null")
        try waitUntil { ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).count > 3 }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.contains("old-page.html.jsonl"))
        let written = names.filter { $0.hasPrefix("page-") }
        #expect(written.count > 1 && written.count < Self.pageCount)
        let groups = batch.groups
        for name in written {
            let index = Int(name.dropFirst("page-".count).prefix(4))!
            let expected = groups[index].map { $0 + Data([0x0A]) }.reduce(Data(), +)
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) == expected, "\(name)")
        }
        #expect(!names.contains { $0.contains(".tmp-") })
    }

    // MARK: - Helpers

    private func start(_ arguments: [String], stdout: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Runner.executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: stdout)
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    /// Polls `condition` every 20 ms for up to two minutes.
    private func waitUntil(_ condition: () -> Bool) throws {
        let end = Date().addingTimeInterval(120)
        while !condition() {
            guard Date() < end else { throw CocoaError(.userCancelled) }
            usleep(20_000)
        }
    }
}

/// Mounting a tiny tmpfs, where the machine allows it (root with the mount capability).
enum Tmpfs {
    static let canMount: Bool = {
        guard getuid() == 0, let probe = try? Scratch() else { return false }
        guard mount(probe.path, kilobytes: 16) else { return false }
        unmount(probe.path)
        return true
    }()

    static func mount(_ path: String, kilobytes: Int) -> Bool {
        (try? Runner.shell("mount -t tmpfs -o size=\(kilobytes)k tmpfs '\(path)' 2>/dev/null"))?.status == 0
    }

    static func unmount(_ path: String) {
        _ = try? Runner.shell("umount '\(path)'")
    }
}
