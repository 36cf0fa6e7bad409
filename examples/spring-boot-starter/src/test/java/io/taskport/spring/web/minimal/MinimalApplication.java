package io.taskport.spring.web.minimal;

import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The smallest host: the starter, one export handler bean and HTTP basic for the user that
 * {@code spring.security.user.*} defines. No format, store or web configuration of its own.
 */
@SpringBootApplication
public class MinimalApplication {
  /** The rows of the export. */
  public record Greeting(String name, int number) {}

  /** The export's params. */
  public record Count(int rows) {}

  @Bean
  ExportHandler<Count, Greeting> greetings() {
    return ExportHandler.of(
        "greetings",
        Count.class,
        p -> List.of(Column.text("Name", Greeting::name), Column.integer("Number", Greeting::number)),
        (ctx, out) ->
            IntStream.range(0, ctx.params().rows()).forEach(i -> out.write(new Greeting("hello", i))));
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .csrf(c -> c.disable()) // an API-only host whose clients send basic credentials
        .build();
  }
}
