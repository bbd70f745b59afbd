package org.example.genmat.knimestandin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.knime.filehandling.core.connections.FSCategory;
import org.knime.filehandling.core.connections.FSConnection;
import org.knime.filehandling.core.connections.FSFileSystem;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.filehandling.core.connections.FSLocationSpec;
import org.knime.filehandling.core.connections.FSPath;

/**
 * The stand-in's KNIME file systems: a view of the local disk through KNIME's {@link FSPath} type (its own
 * {@link FileSystemProvider}, so code that calls {@link Path#toFile()} or mixes in default-file-system paths fails
 * here as it would on a KNIME server or Hub file system), rooted at the workflow folder for workflow-relative
 * locations and knime:// URLs.
 */
public final class StandInFileSystems {

    private static volatile Path workflowDir;

    private StandInFileSystems() {
    }

    /** @param dir the folder of the "current workflow" (knime.workflow); null to unset */
    public static void setWorkflowDir(final Path dir) {
        workflowDir = dir == null ? null : dir.toAbsolutePath().normalize();
    }

    /**
     * @param root folder the connected file system shows as "/"
     * @return a connection such as a connector node puts on a file-system port
     */
    public static FSConnection connection(final Path root) {
        final LocalFs fs = new LocalFs(root.toAbsolutePath().normalize(), true);
        return () -> fs;
    }

    /**
     * @param port the connection of a file-system port, if any
     * @param spec which file system
     * @return a connection to it
     */
    public static FSConnection connect(final Optional<FSConnection> port, final FSLocationSpec spec) {
        final FSCategory category = FSCategory.valueOf(spec.getFileSystemCategory());
        return switch (category) {
            case LOCAL, CUSTOM_URL -> local(Path.of("").toAbsolutePath());
            case RELATIVE -> local(relativeBase(spec.getFileSystemSpecifier()
                .orElseThrow(() -> new IllegalArgumentException("Invalid FSLocation for 'Relative to'."))));
            case CONNECTED -> port.orElseThrow(() -> new IllegalArgumentException(
                "No FSConnection was provided although FSLocationSpec indicates a CONNECTED_FS"));
            default -> throw new IllegalArgumentException(category.getLabel() + " locations are not stood in.");
        };
    }

    /**
     * @param connection a connection from {@link #connect}
     * @param location a location of its file system
     * @return the path
     */
    public static FSPath path(final FSConnection connection, final FSLocation location) {
        final FSFileSystem<?> fs = connection.getFileSystem();
        if (!FSCategory.CUSTOM_URL.name().equals(location.getFileSystemCategory())) {
            return fs.getPath(location.getPath());
        }
        final URI uri;
        try {
            uri = new URI(location.getPath().trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid URL " + location.getPath() + ": " + e.getMessage(), e);
        }
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return fs.getPath(Path.of(uri).toString());
        }
        if (!"knime".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("URL scheme of " + uri + " is not stood in (knime:, file:)");
        }
        final String rel = uri.getPath().replaceFirst("^/+", "");
        return fs.getPath(relativeBase(uri.getHost()).resolve(rel).normalize().toString());
    }

    private static Path relativeBase(final String specifier) {
        final Path wf = workflowDir;
        if (wf == null) {
            throw new IllegalArgumentException("No workflow context: cannot resolve a location relative to "
                + specifier);
        }
        return switch (specifier) {
            case "knime.workflow" -> wf;
            case "knime.workflow.data" -> wf.resolve("data");
            case "knime.mountpoint" -> wf.getParent();
            default -> throw new IllegalArgumentException("Unknown 'Relative to' specifier " + specifier);
        };
    }

    private static FSConnection local(final Path workingDir) {
        final LocalFs fs = new LocalFs(workingDir, false);
        return () -> fs;
    }

    /** A path of {@link LocalFs}: a default-file-system path seen through KNIME's path type. */
    static final class LocalPath extends FSPath {
        private final LocalFs m_fs;

        private final Path m_path;

        LocalPath(final LocalFs fs, final Path path) {
            m_fs = fs;
            m_path = path;
        }

        /** @return the default-file-system path to do I/O on */
        Path disk() {
            return m_fs.disk(m_path);
        }

        private LocalPath wrap(final Path p) {
            return p == null ? null : new LocalPath(m_fs, p);
        }

        private static Path unwrap(final Path p) {
            if (p instanceof LocalPath l) {
                return l.m_path;
            }
            throw new ProviderMismatchException("not a path of this file system: " + p);
        }

        @Override
        public LocalFs getFileSystem() {
            return m_fs;
        }

        @Override
        public boolean isAbsolute() {
            return m_path.isAbsolute();
        }

        @Override
        public Path getRoot() {
            return wrap(m_path.getRoot());
        }

        @Override
        public Path getFileName() {
            return wrap(m_path.getFileName());
        }

        @Override
        public Path getParent() {
            return wrap(m_path.getParent());
        }

        @Override
        public int getNameCount() {
            return m_path.getNameCount();
        }

        @Override
        public Path getName(final int index) {
            return wrap(m_path.getName(index));
        }

        @Override
        public Path subpath(final int beginIndex, final int endIndex) {
            return wrap(m_path.subpath(beginIndex, endIndex));
        }

        @Override
        public boolean startsWith(final Path other) {
            return other instanceof LocalPath l && m_path.startsWith(l.m_path);
        }

        @Override
        public boolean endsWith(final Path other) {
            return other instanceof LocalPath l && m_path.endsWith(l.m_path);
        }

        @Override
        public Path normalize() {
            return wrap(m_path.normalize());
        }

        @Override
        public Path resolve(final Path other) {
            return wrap(m_path.resolve(unwrap(other)));
        }

        @Override
        public Path relativize(final Path other) {
            return wrap(m_path.relativize(unwrap(other)));
        }

        @Override
        public URI toUri() {
            return disk().toUri();
        }

        @Override
        public Path toAbsolutePath() {
            return m_path.isAbsolute() ? this : wrap(m_fs.disk(m_path));
        }

        @Override
        public Path toRealPath(final LinkOption... options) throws IOException {
            return wrap(disk().toRealPath(options));
        }

        @Override
        public java.io.File toFile() {
            throw new UnsupportedOperationException("KNIME file-system paths are not java.io.File (" + this + ")");
        }

        @Override
        public WatchKey register(final WatchService watcher, final WatchEvent.Kind<?>[] events,
            final WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int compareTo(final Path other) {
            return m_path.compareTo(unwrap(other));
        }

        @Override
        public boolean equals(final Object o) {
            return o instanceof LocalPath l && l.m_fs == m_fs && l.m_path.equals(m_path);
        }

        @Override
        public int hashCode() {
            return m_path.hashCode();
        }

        @Override
        public String toString() {
            return m_path.toString();
        }
    }

    /** A KNIME file system over a local folder: relative paths resolve against its working directory. */
    static final class LocalFs extends FSFileSystem<LocalPath> {
        private final Path m_base;

        private final boolean m_rooted;

        private final Provider m_provider = new Provider();

        private volatile boolean m_open = true;

        /**
         * @param base working directory, or with rooted the folder shown as "/"
         * @param rooted whether absolute paths are inside base (a connected file system) or the disk's
         */
        LocalFs(final Path base, final boolean rooted) {
            m_base = base;
            m_rooted = rooted;
        }

        Path disk(final Path p) {
            if (!m_open) {
                throw new java.nio.file.ClosedFileSystemException();
            }
            if (m_rooted) {
                final Path inside = m_base.resolve(p.isAbsolute() ? p.getRoot().relativize(p) : p).normalize();
                if (!inside.startsWith(m_base)) {
                    throw new IllegalArgumentException(p + " leaves the file system's root");
                }
                return inside;
            }
            return m_base.resolve(p).normalize();
        }

        @Override
        public LocalPath getPath(final String first, final String... more) {
            return new LocalPath(this, FileSystems.getDefault().getPath(first, more));
        }

        @Override
        public FileSystemProvider provider() {
            return m_provider;
        }

        @Override
        public void close() {
            m_open = false;
        }

        @Override
        public boolean isOpen() {
            return m_open;
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public String getSeparator() {
            return FileSystems.getDefault().getSeparator();
        }

        @Override
        public Iterable<Path> getRootDirectories() {
            return List.of(getPath("/"));
        }

        @Override
        public Iterable<FileStore> getFileStores() {
            return List.of();
        }

        @Override
        public Set<String> supportedFileAttributeViews() {
            return Set.of("basic");
        }

        @Override
        public PathMatcher getPathMatcher(final String syntaxAndPattern) {
            final PathMatcher m = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
            return p -> m.matches(LocalPath.unwrap(p));
        }

        @Override
        public UserPrincipalLookupService getUserPrincipalLookupService() {
            throw new UnsupportedOperationException();
        }

        @Override
        public WatchService newWatchService() {
            throw new UnsupportedOperationException();
        }

        /** Delegates every operation to the default provider on the disk path. */
        final class Provider extends FileSystemProvider {
            private final FileSystemProvider m_disk = FileSystems.getDefault().provider();

            private Path disk(final Path p) {
                if (p instanceof LocalPath l && l.m_fs == LocalFs.this) {
                    return l.disk();
                }
                throw new ProviderMismatchException("not a path of this file system: " + p);
            }

            @Override
            public String getScheme() {
                return "knime-standin";
            }

            @Override
            public FileSystem newFileSystem(final URI uri, final Map<String, ?> env) {
                throw new UnsupportedOperationException();
            }

            @Override
            public FileSystem getFileSystem(final URI uri) {
                return LocalFs.this;
            }

            @Override
            public Path getPath(final URI uri) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SeekableByteChannel newByteChannel(final Path path, final Set<? extends OpenOption> options,
                final FileAttribute<?>... attrs) throws IOException {
                return m_disk.newByteChannel(disk(path), options, attrs);
            }

            @Override
            public DirectoryStream<Path> newDirectoryStream(final Path dir,
                final DirectoryStream.Filter<? super Path> filter) throws IOException {
                final LocalPath parent = (LocalPath)dir;
                final DirectoryStream<Path> s = m_disk.newDirectoryStream(disk(dir), p -> true);
                return new DirectoryStream<>() {
                    @Override
                    public Iterator<Path> iterator() {
                        final Iterator<Path> it = s.iterator();
                        return new Iterator<>() {
                            private Path m_next;

                            @Override
                            public boolean hasNext() {
                                while (m_next == null && it.hasNext()) {
                                    final Path candidate = parent.resolve(parent.getFileSystem().getPath(
                                        it.next().getFileName().toString()));
                                    try {
                                        if (filter.accept(candidate)) {
                                            m_next = candidate;
                                        }
                                    } catch (IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                }
                                return m_next != null;
                            }

                            @Override
                            public Path next() {
                                if (!hasNext()) {
                                    throw new java.util.NoSuchElementException();
                                }
                                final Path n = m_next;
                                m_next = null;
                                return n;
                            }
                        };
                    }

                    @Override
                    public void close() throws IOException {
                        s.close();
                    }
                };
            }

            @Override
            public void createDirectory(final Path dir, final FileAttribute<?>... attrs) throws IOException {
                m_disk.createDirectory(disk(dir), attrs);
            }

            @Override
            public void delete(final Path path) throws IOException {
                m_disk.delete(disk(path));
            }

            @Override
            public void copy(final Path source, final Path target, final CopyOption... options) throws IOException {
                m_disk.copy(disk(source), disk(target), options);
            }

            @Override
            public void move(final Path source, final Path target, final CopyOption... options) throws IOException {
                m_disk.move(disk(source), disk(target), options);
            }

            @Override
            public boolean isSameFile(final Path path, final Path path2) throws IOException {
                return m_disk.isSameFile(disk(path), disk(path2));
            }

            @Override
            public boolean isHidden(final Path path) throws IOException {
                return m_disk.isHidden(disk(path));
            }

            @Override
            public FileStore getFileStore(final Path path) throws IOException {
                return m_disk.getFileStore(disk(path));
            }

            @Override
            public void checkAccess(final Path path, final AccessMode... modes) throws IOException {
                m_disk.checkAccess(disk(path), modes);
            }

            @Override
            public <V extends FileAttributeView> V getFileAttributeView(final Path path, final Class<V> type,
                final LinkOption... options) {
                return m_disk.getFileAttributeView(disk(path), type, options);
            }

            @Override
            public <A extends BasicFileAttributes> A readAttributes(final Path path, final Class<A> type,
                final LinkOption... options) throws IOException {
                return m_disk.readAttributes(disk(path), type, options);
            }

            @Override
            public Map<String, Object> readAttributes(final Path path, final String attributes,
                final LinkOption... options) throws IOException {
                return m_disk.readAttributes(disk(path), attributes, options);
            }

            @Override
            public void setAttribute(final Path path, final String attribute, final Object value,
                final LinkOption... options) throws IOException {
                m_disk.setAttribute(disk(path), attribute, value, options);
            }
        }
    }
}
