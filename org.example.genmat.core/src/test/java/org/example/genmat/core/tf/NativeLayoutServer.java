package org.example.genmat.core.tf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A web server on 127.0.0.1 laid out like DJL's {@code https://publish.djl.ai/tensorflow/<version>}:
 * {@code files.txt} and one gzipped file per native library under {@code <flavor>/<classifier>/native/lib/}.
 * Files are gzipped while they are sent ({@link #gzipLevel}). Requests with an absolute URI (a client using this server as
 * its HTTP proxy) are answered the same way and recorded.
 *
 * <p>Public, in the core test jar: the OSGi tests of {@code org.example.genmat.tests} serve the natives
 * fragment's libraries with it ({@link #servingNatives}).
 */
public final class NativeLayoutServer implements AutoCloseable {

    /** The bytes of one served file, opened for each request. */
    public interface Source {
        InputStream open() throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Source> files = new LinkedHashMap<>();
    private volatile int gzipLevel = Deflater.BEST_SPEED;
    /** Every request URI received, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    /** Starts serving an empty {@code files.txt} for {@code version} on a free port of 127.0.0.1. */
    public NativeLayoutServer(String version) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String root = "/tensorflow/" + version + "/";
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestURI().toString());
                String path = exchange.getRequestURI().getPath();
                if (!path.startsWith(root)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String rel = path.substring(root.length());
                if (rel.equals("files.txt")) {
                    byte[] list = (String.join("\n", files.keySet()) + "\n").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, list.length);
                    exchange.getResponseBody().write(list);
                    return;
                }
                Source s = files.get(rel);
                if (s == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                send(exchange, s, gzipLevel);
            }
        });
        server.start();
    }

    private static void send(HttpExchange exchange, Source s, int level) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (InputStream in = s.open();
             OutputStream out = new GZIPOutputStream(exchange.getResponseBody(), 1 << 16) {
                 {
                     def.setLevel(level);
                 }
             }) {
            in.transferTo(out);
        } catch (IOException e) {
            // the client went away (cancel test)
        }
    }

    /** Serves {@code name} as {@code <flavor>/<classifier>/native/lib/<name>.gz}. */
    public NativeLayoutServer add(String flavor, String classifier, String name, Source content) {
        files.put(flavor + "/" + classifier + "/native/lib/" + name + ".gz", content);
        return this;
    }

    /**
     * The deflate level of the served {@code .gz} files (default {@link Deflater#BEST_SPEED});
     * {@link Deflater#NO_COMPRESSION} sends stored blocks, still gzip, for tests where the server's CPU time on a
     * shared machine would dominate.
     */
    public NativeLayoutServer gzipLevel(int level) {
        gzipLevel = level;
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL a client passes as {@code genmat.tf.download.url}. */
    public String base(String version) {
        return "http://127.0.0.1:" + port() + "/tensorflow/" + version;
    }

    /**
     * Serves the native libraries a {@code native/lib/tensorflow.properties} lists (those of the
     * {@code tensorflow-native-cu121} jar or of the KNIME natives fragment: this machine's natives) as DJL's
     * {@code cpu/<classifier>} build of {@code version}, read from beside that file at each request.
     *
     * @return the started server; the caller closes it
     */
    public static NativeLayoutServer servingNatives(URL tensorflowProperties, String version, String classifier)
        throws IOException {
        Properties p = new Properties();
        try (InputStream in = tensorflowProperties.openStream()) {
            p.load(in);
        }
        String url = tensorflowProperties.toString();
        String base = url.substring(0, url.length() - "tensorflow.properties".length());
        NativeLayoutServer server = new NativeLayoutServer(version);
        for (String lib : p.getProperty("libraries", "").split(",")) {
            String name = lib.trim();
            if (name.startsWith("lib")) {
                server.add("cpu", classifier, name, () -> new URL(base + name).openStream());
            }
        }
        return server;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
