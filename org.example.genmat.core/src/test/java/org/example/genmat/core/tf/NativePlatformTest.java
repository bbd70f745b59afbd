package org.example.genmat.core.tf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativePlatformTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
        // os.name as each JVM reports it, os.arch, DJL classifier, JNI library, bundled, supported
        "Windows 11,        amd64,   win-x86_64,    jnitensorflow.dll,      false, true",
        "Windows Server 2022, amd64, win-x86_64,    jnitensorflow.dll,      false, true",
        "Mac OS X,          x86_64,  osx-x86_64,    libjnitensorflow.dylib, false, false",
        "Mac OS X,          aarch64, osx-aarch64,   libjnitensorflow.dylib, false, true",
        "Linux,             amd64,   linux-x86_64,  libjnitensorflow.so,    true,  true",
        "Linux,             x86_64,  linux-x86_64,  libjnitensorflow.so,    true,  true",
        "Linux,             aarch64, linux-aarch64, libjnitensorflow.so,    false, true",
        "Linux,             ppc64le, linux-ppc64le, libjnitensorflow.so,    false, false",
        "Windows 11,        aarch64, win-aarch64,   jnitensorflow.dll,      false, false",
        "FreeBSD,           amd64,   freebsd-x86_64, libjnitensorflow.so,   false, false",
    })
    void detectsEachOsAndArchitecture(String osName, String osArch, String classifier, String jni, boolean bundled,
                                      boolean supported) {
        NativePlatform p = NativePlatform.detect(osName, osArch);
        assertThat(p.classifier()).isEqualTo(classifier);
        assertThat(p.jniLibrary()).isEqualTo(jni);
        assertThat(p.bundled()).isEqualTo(bundled);
        assertThat(p.supported()).isEqualTo(supported);
    }

    @Test
    void thisMachineIsDetected() {
        NativePlatform p = NativePlatform.current();
        assertThat(p.jniLibrary()).isEqualTo(System.mapLibraryName("jnitensorflow"));
    }

    @Test
    void unsupportedMessageNamesThePlatformAndTheSupportedOnes() {
        String m = NativePlatform.detect("Mac OS X", "x86_64").unsupportedMessage();
        assertThat(m).contains("macOS x86-64 (Intel)", "osx-x86_64", "Intel Macs",
            "Linux x86-64", "Windows x86-64", "macOS aarch64 (Apple Silicon)", "Linux aarch64",
            "training and sampling (the Train and Sample Latent nodes, genmat train and sample) run on",
            "Read Crystals, Filter Validity and Diversity Metrics (genmat read, filter, metrics) work on every platform");
        assertThat(NativePlatform.detect("FreeBSD", "amd64").unsupportedMessage())
            .contains("freebsd x86-64", "freebsd-x86_64").doesNotContain("Intel Macs");
    }
}
