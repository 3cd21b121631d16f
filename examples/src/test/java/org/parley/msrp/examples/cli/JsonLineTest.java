package org.parley.msrp.examples.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLineTest {

    @Test
    void writesMembersInOrderWithTheirTypes() {
        String line = new JsonLine().put("event", "message").put("length", 42L).put("ok", true)
                .put("file", (String) null).toString();
        assertThat(line).isEqualTo("{\"event\":\"message\",\"length\":42,\"ok\":true,\"file\":null}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String line = new JsonLine().put("name", "a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj\u007fk").toString();
        assertThat(line).isEqualTo("{\"name\":\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u001fj\\u007fk\"}");
        assertThat(FlatJson.parse(line)).containsEntry("name", "a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj\u007fk");
    }

    @Test
    void writesOnlyPrintableAsciiAndKeepsEveryCharacter() {
        String value = "Grüße \u2028 \uD83D\uDE00 ../../etc/passwd";
        String line = new JsonLine().put("file", value).toString();
        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
        assertThat(line).contains("Gr\\u00fc\\u00dfe \\u2028 \\ud83d\\ude00 ../../etc/passwd");
        assertThat(FlatJson.parse(line)).containsEntry("file", value);
    }

    @Test
    void aLoneSurrogateStillMakesValidJson() {
        String line = new JsonLine().put("id", "x\uD800y").toString();
        assertThat(line).isEqualTo("{\"id\":\"x\\ud800y\"}");
        assertThat(FlatJson.parse(line)).isEqualTo(Map.of("id", "x\uD800y"));
    }

    @Test
    void escapesMemberNamesToo() {
        assertThat(new JsonLine().put("a\"b", 1).toString()).isEqualTo("{\"a\\\"b\":1}");
        assertThat(new JsonLine().toString()).isEqualTo("{}");
    }
}
