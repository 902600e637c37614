import Foundation

/// One page to process: its path as the user gave or found it, and the folder argument it
/// was found under (used to mirror the input tree in an output folder).
public struct InputItem: Sendable, Hashable {
    /// The path as given on the command line or found under a given folder.
    public let path: String
    /// The folder argument this page was found under, or nil when the path was given itself.
    public let root: String?
    /// Why the page cannot be read at all (a name that is not UTF-8, a folder that cannot
    /// be listed), found while collecting; it becomes an `error` record.
    public let problem: String?
    /// False when the page was seen to be a regular file in a folder walked without
    /// following links: it cannot lead out of its folder, and no check resolves its path.
    public let mayBeLink: Bool

    /// Creates an input item.
    public init(path: String, root: String? = nil, problem: String? = nil, mayBeLink: Bool = true) {
        self.path = path
        self.root = root
        self.problem = problem
        self.mayBeLink = mayBeLink
    }

    /// The path relative to its root folder, or the file name when it was given directly.
    public var relativePath: String {
        if let root {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return (path as NSString).lastPathComponent
    }
}

/// Expands command-line paths into the sorted list of pages to process.
///
/// Folders are walked recursively for `*.html`, `*.htm` and `*.xhtml`, skipping hidden
/// entries. By default a symbolic link to a folder is not followed, and a link to a file
/// is listed like a file (`DocumentProcessor` refuses it, as an `error` record, when it
/// leads out of the folder). With `followSymlinks`, links to folders are followed too,
/// each real folder walked once, so a link loop cannot trap the walk. Files given by name
/// are taken whatever their extension, and a path that does not exist is kept so that it
/// becomes an `error` record rather than vanishing; so is a dangling link in a folder.
public struct InputCollector: Sendable {
    /// File extensions taken from folders, lowercase.
    public static let pageExtensions: Set<String> = ["html", "htm", "xhtml"]

    /// Whether links to folders are followed.
    public let followSymlinks: Bool

    /// Creates a collector.
    public init(followSymlinks: Bool = false) {
        self.followSymlinks = followSymlinks
    }

    /// The pages named by `arguments`, sorted by path (byte order), each once.
    public func collect(_ arguments: [String]) -> [InputItem] {
        var items: [InputItem] = []
        let fileManager = FileManager.default
        for argument in arguments where !argument.isEmpty {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
                var walked: Set<String> = []
                if let real = DocumentProcessor.realPath(argument) { walked.insert(real) }
                walk(argument, root: argument, walked: &walked, into: &items)
            } else {
                items.append(InputItem(path: argument))
            }
        }
        return Self.sortedUnique(items)
    }

    /// Paths read from a list, one per line: CR line ends and blank lines are tolerated.
    public func collect(pathList: String) -> [InputItem] {
        let lines = pathList.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return collect(lines)
    }

    static func sortedUnique(_ items: [InputItem]) -> [InputItem] {
        var seen: Set<String> = []
        return items
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            .filter { seen.insert($0.path).inserted }
    }

    /// `walked` holds the real paths of the folders walked so far, so that no folder is
    /// walked twice however links lead back to it.
    private func walk(_ folder: String, root: String, walked: inout Set<String>, into items: inout [InputItem]) {
        let entries: [FolderEntry]
        switch FolderEntry.list(folder) {
        case .success(let listed):
            entries = listed
        case .failure(let reason):
            // The pages inside are unknown; say so rather than let them vanish.
            items.append(InputItem(path: folder, root: root, problem: "the folder cannot be read (\(reason)); its pages were skipped; check its permissions"))
            return
        }
        for entry in entries where !entry.name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + entry.name : folder + "/" + entry.name
            let isPage = Self.pageExtensions.contains((entry.name as NSString).pathExtension.lowercased())
            var info = stat()
            guard lstat(path, &info) == 0 || !entry.validName else {
                if isPage { items.append(InputItem(path: path, root: root)) }
                continue
            }
            if !entry.validName {
                // Such a name cannot be given back to the file system as a String.
                if entry.isFolder {
                    items.append(InputItem(path: path, root: root, problem: "the folder name is not valid UTF-8, so claimex cannot open it and its pages were skipped; rename it (for example with convmv) and run again"))
                } else if isPage {
                    items.append(InputItem(path: path, root: root, problem: "the file name is not valid UTF-8, so claimex cannot open it; rename it (for example with convmv) and run again"))
                }
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if let real = DocumentProcessor.realPath(path) { walked.insert(real) }
                walk(path, root: root, walked: &walked, into: &items)
            case S_IFLNK:
                // A link to a file is listed like the file (reading it checks where it
                // leads); a link to a folder is followed only when asked, and only to a
                // folder not walked yet; a dangling or looping link is listed, to be reported.
                var target = stat()
                if stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFDIR {
                    if followSymlinks, let real = DocumentProcessor.realPath(path), walked.insert(real).inserted {
                        walk(path, root: root, walked: &walked, into: &items)
                    }
                } else if isPage {
                    items.append(InputItem(path: path, root: root))
                }
            default:
                // Regular files, and pipes or devices named like pages (reported when read).
                // Without links followed, every folder on the way was a real one under the
                // root: such a file is inside it.
                if isPage { items.append(InputItem(path: path, root: root, mayBeLink: followSymlinks)) }
            }
        }
    }
}

/// One name in a folder, read with `readdir` so that names that are not valid UTF-8 are
/// seen rather than silently skipped.
struct FolderEntry {
    /// The name, with any invalid UTF-8 replaced by U+FFFD.
    let name: String
    /// Whether the name's bytes were valid UTF-8 (else `name` names no file).
    let validName: Bool
    /// Whether the entry is a folder (as the folder listing says; not a link to one).
    let isFolder: Bool

    /// The entries of `folder`, sorted by name, without `.` and `..`; or why it cannot be read.
    static func list(_ folder: String) -> Result<[FolderEntry], FolderError> {
        guard let directory = opendir(folder) else { return .failure(FolderError(code: errno)) }
        defer { closedir(directory) }
        var entries: [FolderEntry] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard bytes != [0x2E], bytes != [0x2E, 0x2E] else { continue }
            let valid = String(validating: bytes, as: UTF8.self)
            entries.append(FolderEntry(name: valid ?? String(decoding: bytes, as: UTF8.self), validName: valid != nil,
                                       isFolder: entry.pointee.d_type == UInt8(DT_DIR)))
        }
        return .success(entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
    }
}

/// Why a folder could not be listed.
struct FolderError: Error, CustomStringConvertible {
    let code: Int32
    var description: String { String(cString: strerror(code)) }
}
