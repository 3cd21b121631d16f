package org.parley.msrp.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

    @TempDir
    Path directory;

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("/etc/shadow")).isEqualTo("shadow");
        assertThat(FileNames.sanitize("..\\..\\Windows\\system.ini")).isEqualTo("system.ini");
        assertThat(FileNames.sanitize("C:\\boot.ini")).isEqualTo("boot.ini");
    }

    @Test
    void leavesNoDotNamesOrHiddenFiles() {
        assertThat(FileNames.sanitize("..")).isEmpty();
        assertThat(FileNames.sanitize(".")).isEmpty();
        assertThat(FileNames.sanitize("foo/..")).isEmpty();
        assertThat(FileNames.sanitize(".bashrc")).isEqualTo("bashrc");
        assertThat(FileNames.sanitize(" . .profile. ")).isEqualTo("profile");
        assertThat(FileNames.sanitize(null)).isEmpty();
    }

    @Test
    void replacesControlReservedAndInvisibleCharacters() {
        assertThat(FileNames.sanitize("a\nb\u0000c\u001b[31md")).isEqualTo("a_b_c_[31md");
        assertThat(FileNames.sanitize("what?<x>:y|z*\".txt")).isEqualTo("what__x__y_z__.txt");
        // U+202E would show "exe.txt" as "txt.exe".
        assertThat(FileNames.sanitize("report\u202Etxt.exe")).isEqualTo("report_txt.exe");
        assertThat(FileNames.sanitize("Grüße.txt")).isEqualTo("Grüße.txt");
    }

    @Test
    void cutsLongNamesToTwoHundredBytesOfUtf8() {
        String cut = FileNames.sanitize("ü".repeat(300));
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(200);
        assertThat(FileNames.sanitize("a".repeat(1000))).hasSize(200);
    }

    @Test
    void numbersClashingNamesAndNeverReplacesAFile() throws Exception {
        Files.writeString(directory.resolve("report.pdf"), "mine");
        Path first = FileNames.createUnique(directory, "report.pdf");
        Path second = FileNames.createUnique(directory, "report.pdf");
        Path plain = FileNames.createUnique(directory, "README");
        Path plainAgain = FileNames.createUnique(directory, "README");
        assertThat(first).isEqualTo(directory.resolve("report-1.pdf"));
        assertThat(second).isEqualTo(directory.resolve("report-2.pdf"));
        assertThat(plainAgain).isEqualTo(directory.resolve("README-1"));
        assertThat(plain).exists().isEmptyFile();
        assertThat(directory.resolve("report.pdf")).hasContent("mine");
    }
}
