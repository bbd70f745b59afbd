package org.example.genmat.core.tf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A web server on 127.0.0.1 laid out like DJL's {@code https://publish.djl.ai/tensorflow/<version>}:
 * {@code files.txt} and one gzipped file per native library under {@code <flavor>/<classifier>/native/lib/}.
 * Files are gzipped while they are sent. Requests with an absolute URI (a client using this server as
 * its HTTP proxy) are answered the same way and recorded.
 */
final class NativeLayoutServer implements AutoCloseable {

    interface Source {
        InputStream open() throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Source> files = new LinkedHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    NativeLayoutServer(String version) throws IOException {
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
                send(exchange, s);
            }
        });
        server.start();
    }

    private static void send(HttpExchange exchange, Source s) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (InputStream in = s.open();
             OutputStream out = new GZIPOutputStream(exchange.getResponseBody(), 1 << 16) {
                 {
                     def.setLevel(Deflater.BEST_SPEED);
                 }
             }) {
            in.transferTo(out);
        } catch (IOException e) {
            // the client went away (cancel test)
        }
    }

    /** Serves {@code name} as {@code <flavor>/<classifier>/native/lib/<name>.gz}. */
    NativeLayoutServer add(String flavor, String classifier, String name, Source content) {
        files.put(flavor + "/" + classifier + "/native/lib/" + name + ".gz", content);
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The base URL a client passes as {@code genmat.tf.download.url}. */
    String base(String version) {
        return "http://127.0.0.1:" + port() + "/tensorflow/" + version;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
