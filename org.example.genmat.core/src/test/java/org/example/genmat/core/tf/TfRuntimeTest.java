package org.example.genmat.core.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class TfRuntimeTest {

    @Test
    void bootsFromAThreadWithoutContextClassLoaderAndIsIdempotent() throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                TfRuntime.boot();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.setContextClassLoader(null);
        t.start();
        t.join();
        assertThat(failure[0]).isNull();
        TfRuntime.boot();
        assertThat(TfRuntime.deviceDescription()).matches("CPU|GPU: .*");
        assertThat(Files.isRegularFile(TfRuntime.nativeDir().resolve("libjnitensorflow.so"))).isTrue();
        assertThat(System.getProperty(TfRuntime.TF_LIBRARY_PATH)).isEqualTo(TfRuntime.nativeDir().toString());
        assertThat(EngineAccess.matmulCheck()).isEqualTo(11f);
    }
}
