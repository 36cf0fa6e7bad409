package io.taskport.spring.web.app;

import io.taskport.spring.web.ValidBasicCredentials;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Demo users ann/ann and bob/bob, and the operator ops/ops with the dashboard role; HTTP basic
 * for API clients and form login for the page. Signed
 * download links under {@code /files/} need no session. The page sends the CSRF token from the
 * {@code XSRF-TOKEN} cookie; requests that authenticate with valid basic credentials in their
 * {@code Authorization} header are exempt, because a cross-site form cannot set that header. Pages
 * get a Content-Security-Policy that allows scripts, styles and connections to this origin only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
          + " frame-ancestors 'none'";

  @Bean
  SecurityFilterChain security(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder)
      throws Exception {
    http.authorizeHttpRequests(
            auth ->
                auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/files/**", "/actuator/health", "/favicon.ico")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        // Security headers go out before the controller runs: event streams are written from
        // other threads, which would otherwise race the request thread adding them afterwards
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .withObjectPostProcessor(
                    new ObjectPostProcessor<HeaderWriterFilter>() {
                      @Override
                      public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                      }
                    }))
        .httpBasic(Customizer.withDefaults())
        .formLogin(form -> form.defaultSuccessUrl("/", true))
        .logout(Customizer.withDefaults())
        .csrf(
            csrf ->
                csrf.spa().ignoringRequestMatchers(ValidBasicCredentials.of(users, encoder)));
    return http.build();
  }

  /**
   * BCrypt at its lowest cost for the demo users only. API clients send basic auth on every call,
   * so each call checks a password hash: at the default cost that is a noticeable share of a CPU
   * per request, and with {@code {noop}} passwords Spring re-hashes them at that cost on first use.
   * A real application keeps the default cost and gives API clients tokens instead.
   */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder(4);
  }

  @Bean
  UserDetailsService users(PasswordEncoder encoder) {
    return new InMemoryUserDetailsManager(
        User.withUsername("ann").password(encoder.encode("ann")).roles("USER").build(),
        User.withUsername("bob").password(encoder.encode("bob")).roles("USER").build(),
        User.withUsername("ops").password(encoder.encode("ops")).roles("USER", "TASKPORT_ADMIN").build());
  }
}
