@testable import Claimex
import Foundation
import Testing

/// Reading a page's bytes straight into an array: all of them, however the file's size
/// changed since it was examined, and no more than the limit.
@Suite struct PageReadingTests {
    static func withFile(_ bytes: [UInt8], _ body: (Int32) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "claimex-read-\(UUID().uuidString).html"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        try body(descriptor)
    }

    static let page: [UInt8] = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }

    @Test func theWholeFileIsReadAtItsExpectedSize() throws {
        try Self.withFile(Self.page) { descriptor in
            let read = try DocumentProcessor.readAll(descriptor, expected: Self.page.count, limit: 1_000_000).get()
            #expect(read == Self.page)
        }
    }

    @Test func aFileLargerThanExpectedIsStillReadWhole() throws {
        for expected in [0, 10, 70_000] {
            try Self.withFile(Self.page) { descriptor in
                let read = try DocumentProcessor.readAll(descriptor, expected: expected, limit: 1_000_000).get()
                #expect(read == Self.page, "expected \(expected)")
            }
        }
    }

    @Test func readingStopsAtTheLimit() throws {
        for (expected, limit) in [(150_000, 100), (0, 100), (10, 100_001)] {
            try Self.withFile(Self.page) { descriptor in
                let read = try DocumentProcessor.readAll(descriptor, expected: expected, limit: limit).get()
                #expect(read == Array(Self.page.prefix(limit)), "expected \(expected), limit \(limit)")
            }
        }
    }

    @Test func aFailedReadSaysWhy() {
        guard case .failure(let failure) = DocumentProcessor.readAll(-1, expected: 10, limit: 100) else {
            Issue.record("reading a closed descriptor succeeded")
            return
        }
        #expect(failure.description == "the file could not be read: Bad file descriptor")
    }
}

/// Which collected pages still need their path resolved to be kept inside their folder:
/// links, and anything found where links to folders were followed.
@Suite struct CollectedLinkTests {
    @Test func onlyLinksOrPagesUnderFollowedLinksMayLeadOut() throws {
        let folder = NSTemporaryDirectory() + "claimex-links-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("<p>a</p>".utf8).write(to: URL(fileURLWithPath: folder + "/sub/page.html"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.html", withDestinationPath: "sub/page.html")
        let walked = InputCollector().collect([folder])
        #expect(walked.map { $0.relativePath } == ["link.html", "sub/page.html"])
        #expect(walked.map(\.mayBeLink) == [true, false])
        #expect(InputCollector(followSymlinks: true).collect([folder]).map(\.mayBeLink) == [true, true])
        #expect(InputCollector().collect([folder + "/sub/page.html"]).map(\.mayBeLink) == [true])
    }
}
