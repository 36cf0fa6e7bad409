package io.taskport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsBinderTest {
  public record Filter(String region, int limit) {}

  private final ParamsBinder binder = new ParamsBinder();

  @Test
  void bind_acceptsJsonMapsAndInstances() {
    assertThat(binder.bind("{\"region\":\"EU\",\"limit\":5}", Filter.class))
        .isEqualTo(new Filter("EU", 5));
    assertThat(binder.bind(Map.of("region", "US"), Filter.class)).isEqualTo(new Filter("US", 0));
    Filter f = new Filter("X", 1);
    assertThat(binder.bind(f, Filter.class)).isSameAs(f);
    assertThat(binder.toJson(f)).isEqualTo("{\"region\":\"X\",\"limit\":1}");
  }

  @Test
  void bind_listsEveryBadField() {
    assertThatThrownBy(() -> binder.bind("{\"region\":[1],\"limit\":\"ten\",\"x\":1}", Filter.class))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(ValidationException.Violation::field)
                    .containsExactlyInAnyOrder("params.region", "params.limit", "params.x"));
  }

  @Test
  void bind_neverInstantiatesAClassNamedInTheParams() {
    String canary = "io.taskport.internal.Canary";
    assertThatThrownBy(() -> binder.bind("{\"@class\":\"" + canary + "\"}", Filter.class))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> binder.bind("[\"" + canary + "\",{}]", Filter.class))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> binder.bind("{\"region\":[\"" + canary + "\",{}]}", Filter.class))
        .isInstanceOf(ValidationException.class);
    assertThat(Canary.Flag.touched).isFalse();
  }

  @Test
  void bind_refusesHostileJson() {
    assertThatThrownBy(() -> binder.bind("{\"@class\":\"java.lang.Runtime\"}", Filter.class))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown property");
    assertThatThrownBy(() -> binder.bind("[\"java.lang.Runtime\",{}]", Filter.class))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> binder.bind("[".repeat(10_000), Filter.class))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> binder.bind("{\"limit\":" + "9".repeat(100_000) + "}", Filter.class))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> binder.bind("{\"region\":\"a\",\"region\":\"b\"}", Filter.class))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("region");
    assertThatThrownBy(
            () -> binder.bind("{\"region\":\"" + "x".repeat(ParamsBinder.MAX_PARAMS_CHARS) + "\"}", Filter.class))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most");
    assertThatThrownBy(() -> binder.bind("{not json", Filter.class))
        .hasMessageContaining("not valid JSON");
  }

  public record Numbers(int count, long total, double ratio, java.math.BigDecimal amount) {}

  @Test
  void bind_refusesFractionsAndTextForIntegersAndInfinitiesForDecimals() {
    assertThat(binder.bind("{\"count\":3,\"total\":4,\"ratio\":0.5,\"amount\":\"12.50\"}",
            Numbers.class))
        .isEqualTo(new Numbers(3, 4, 0.5, new java.math.BigDecimal("12.50")));
    for (String bad :
        new String[] {
          "{\"count\":1.5}", "{\"count\":2.0}", "{\"count\":\"7\"}", "{\"total\":\"x\"}",
          "{\"count\":3000000000}", "{\"ratio\":1e400}", "{\"ratio\":\"Infinity\"}",
          "{\"ratio\":\"NaN\"}"
        }) {
      assertThatThrownBy(() -> binder.bind(bad, Numbers.class)).as(bad)
          .isInstanceOf(ValidationException.class);
    }
    assertThatThrownBy(() -> binder.bind(new Numbers(1, 1, Double.POSITIVE_INFINITY, null),
            Numbers.class))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations()).extracting(ValidationException.Violation::field)
                .containsExactly("params.ratio"));
  }
}
