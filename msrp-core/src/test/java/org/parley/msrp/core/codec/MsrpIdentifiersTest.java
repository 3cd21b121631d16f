package org.parley.msrp.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MsrpIdentifiersTest {

    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int COUNT = 10_000;

    static Stream<Arguments> generators() {
        return Stream.of(
                Arguments.of("transaction id", (Supplier<String>) MsrpIdentifiers::newTransactionId),
                Arguments.of("message id", (Supplier<String>) MsrpIdentifiers::newMessageId),
                Arguments.of("session id", (Supplier<String>) MsrpIdentifiers::newSessionId));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("generators")
    void generatesUniqueValidIdentifiers(String kind, Supplier<String> generator) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < COUNT; i++) {
            String id = generator.get();
            assertThat(id).hasSize(16);
            assertThat(id.chars()).allMatch(c -> ALPHANUMERIC.indexOf(c) >= 0);
            assertThat(MsrpIdentifiers.isIdent(id, MsrpIdentifiers.MIN_IDENT_LENGTH, MsrpIdentifiers.MAX_IDENT_LENGTH))
                    .isTrue();
            seen.add(id);
        }
        assertThat(seen).hasSize(COUNT);
    }

    @Test
    void generatedSessionIdsAreValidInMsrpUris() {
        String sessionId = MsrpIdentifiers.newSessionId();

        MsrpUri uri = MsrpUri.of(false, "host.example.com", 2855, sessionId, "tcp");

        assertThat(MsrpUri.parse(uri.toString()).sessionId()).isEqualTo(sessionId);
    }

    @Test
    void usesEveryAlphabetSymbolWithRoughlyEqualFrequency() {
        int[] counts = new int[128];
        for (int i = 0; i < COUNT; i++) {
            MsrpIdentifiers.newMessageId().chars().forEach(c -> counts[c]++);
        }
        // 160,000 symbols over 62 letters: about 2581 each, standard deviation about 50. A modulo bias or a missing
        // symbol would put some count near 0 or near 5000, far outside these bounds.
        for (char c : ALPHANUMERIC.toCharArray()) {
            assertThat(counts[c]).as("count of '%s'", c).isBetween(2100, 3100);
        }
    }

    @Test
    void randomnessIsAtLeastEightyBits() {
        double bits = 16 * (Math.log(62) / Math.log(2));

        assertThat(bits).isGreaterThanOrEqualTo(80.0);
        assertThat(MsrpIdentifiers.newSessionId()).hasSize(16);
    }

    @Test
    void identLengthBoundsAreThoseOfTheAbnf() {
        assertThat(MsrpIdentifiers.MIN_IDENT_LENGTH).isEqualTo(4);
        assertThat(MsrpIdentifiers.MAX_IDENT_LENGTH).isEqualTo(32);
    }

    @Test
    void classifiesAlphaNumAndIdentCharsExactly() {
        List<Character> extraIdentChars = List.of('.', '-', '+', '%', '=');
        for (int c = -1; c < 0x300; c++) {
            boolean alphaNum = c >= 0 && ALPHANUMERIC.indexOf(c) >= 0;
            assertThat(MsrpIdentifiers.isAlphaNum(c)).as("isAlphaNum(%d)", c).isEqualTo(alphaNum);
            assertThat(MsrpIdentifiers.isIdentChar(c)).as("isIdentChar(%d)", c)
                    .isEqualTo(alphaNum || (c >= 0 && extraIdentChars.contains((char) c)));
        }
        assertThat(MsrpIdentifiers.isAlphaNum(0x10000 + 'a')).isFalse();
    }

    static Stream<Arguments> identCases() {
        return Stream.of(
                Arguments.of("abcd", 4, 32, true),
                Arguments.of("abc", 4, 32, false),
                Arguments.of("a".repeat(32), 4, 32, true),
                Arguments.of("a".repeat(33), 4, 32, false),
                Arguments.of("a.b-c+d%e=f", 4, 32, true),
                Arguments.of("9xyz", 4, 32, true),
                Arguments.of(".abc", 4, 32, false),
                Arguments.of("-abc", 4, 32, false),
                Arguments.of("ab c", 4, 32, false),
                Arguments.of("ab_c", 4, 32, false),
                Arguments.of("ab/c", 4, 32, false),
                Arguments.of("a\u00e9bc", 4, 32, false),
                Arguments.of("\u0661bcd", 4, 32, false),
                Arguments.of("a", 1, 32, true),
                Arguments.of("", 1, 32, false),
                Arguments.of("abcdef", 1, 5, false),
                Arguments.of(null, 1, 32, false));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" in {1}..{2}: {3}")
    @MethodSource("identCases")
    void checksIdents(String text, int min, int max, boolean expected) {
        assertThat(MsrpIdentifiers.isIdent(text, min, max)).isEqualTo(expected);
    }

    @Test
    void isIdentRejectsImpossibleBounds() {
        assertThatThrownBy(() -> MsrpIdentifiers.isIdent("abcd", 0, 32))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ident length bounds 0..32: need 1 <= min <= max");
        assertThatThrownBy(() -> MsrpIdentifiers.isIdent("abcd", 5, 4))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ident length bounds 5..4: need 1 <= min <= max");
    }

    @Test
    void cannotBeInstantiated() throws NoSuchMethodException {
        Constructor<MsrpIdentifiers> constructor = MsrpIdentifiers.class.getDeclaredConstructor();

        assertThat(Modifier.isPrivate(constructor.getModifiers())).isTrue();
        assertThat(MsrpIdentifiers.class.getDeclaredConstructors()).hasSize(1);
    }
}
