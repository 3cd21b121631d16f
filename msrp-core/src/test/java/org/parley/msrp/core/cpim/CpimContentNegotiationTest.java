package org.parley.msrp.core.cpim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.msrp.core.codec.MsrpContentType;

class CpimContentNegotiationTest {

    private static final CpimMessage WRAPPED_TEXT = message(MsrpContentType.parse("text/plain;charset=UTF-8"));

    private static CpimMessage message(MsrpContentType type) {
        return CpimMessage.builder()
                .from(CpimAddress.of("sip:alice@example.com"))
                .to(CpimAddress.of("sip:bob@example.com"))
                .content(type, new byte[] {'x'})
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"message/cpim", "Message/CPIM", "message/cpim;charset=utf-8"})
    void recognizesMessageCpimInAnyCaseAndWithParameters(String contentType) {
        assertThat(CpimMessage.isCpim(MsrpContentType.parse(contentType))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "message/sipfrag", "multipart/mixed;boundary=cpim"})
    void recognizesOtherTypesAsNotCpim(String contentType) {
        assertThat(CpimMessage.isCpim(MsrpContentType.parse(contentType))).isFalse();
    }

    static Stream<Arguments> negotiations() {
        return Stream.of(
                // The RFC 4975 §8.6 gateway: only message/cpim at the root, the payload types wrapped.
                Arguments.of(List.of("message/cpim"), List.of("text/plain"), true),
                Arguments.of(List.of("message/cpim"), List.of("text/*"), true),
                Arguments.of(List.of("message/cpim"), List.of("*"), true),
                Arguments.of(List.of("message/cpim"), List.of("image/*", "text/html"), false),
                Arguments.of(List.of("message/cpim"), List.of(), false),
                // A type in accept-types may also arrive wrapped.
                Arguments.of(List.of("message/cpim", "text/plain"), List.of(), true),
                Arguments.of(List.of("message/cpim", "*"), List.of(), true),
                // Parameters on either side do not matter.
                Arguments.of(List.of("message/cpim"), List.of("text/plain;charset=ISO-8859-1"), true));
    }

    @ParameterizedTest
    @MethodSource("negotiations")
    void tellsWhetherThePeerAcceptsTheWrappedType(List<String> acceptTypes, List<String> acceptWrappedTypes,
            boolean accepted) {
        assertThat(CpimMessage.acceptsWrapped(WRAPPED_TEXT, acceptTypes, acceptWrappedTypes)).isEqualTo(accepted);
    }

    @Test
    void checksTheInnerTypeNotTheWrapper() {
        CpimMessage wrappedImage = message(MsrpContentType.of("image", "png"));

        assertThat(CpimMessage.acceptsWrapped(wrappedImage, List.of("message/cpim"), List.of("text/plain")))
                .isFalse();
        assertThat(CpimMessage.acceptsWrapped(wrappedImage, List.of("message/cpim"), List.of("image/png")))
                .isTrue();
    }

    @Test
    void refusesAMalformedAcceptEntry() {
        assertThatThrownBy(() -> CpimMessage.acceptsWrapped(WRAPPED_TEXT, List.of("message/cpim"), List.of("text")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected *, type/* or type/subtype (RFC 4975 §8.6)");
    }
}
