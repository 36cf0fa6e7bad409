package io.taskport.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches requests whose {@code Authorization: Basic} header holds valid credentials: the CSRF
 * exemption for API clients. A cross-site form cannot send such a header, but a request that
 * merely carries some {@code Authorization} header (a bogus one, or another scheme) while its
 * session cookie signs it in is still checked for its CSRF token:
 *
 * <pre>{@code
 * http.csrf(c -> c.spa().ignoringRequestMatchers(ValidBasicCredentials.of(users, encoder)));
 * }</pre>
 *
 * The CSRF check runs before Spring Security's basic authentication, so the credentials of an
 * unsafe request (POST, DELETE) are checked twice; safe requests are not matched at all.
 */
public final class ValidBasicCredentials implements RequestMatcher {
  private final AuthenticationManager manager;
  private final BasicAuthenticationConverter converter = new BasicAuthenticationConverter();

  private ValidBasicCredentials(AuthenticationManager manager) {
    this.manager = manager;
  }

  /**
   * Returns a matcher that checks credentials with this user store and encoder.
   *
   * @param users the user store of the basic authentication
   * @param encoder its password encoder
   * @return the matcher
   */
  public static ValidBasicCredentials of(UserDetailsService users, PasswordEncoder encoder) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
    provider.setPasswordEncoder(encoder);
    return new ValidBasicCredentials(new ProviderManager(provider));
  }

  @Override
  public boolean matches(HttpServletRequest request) {
    try {
      UsernamePasswordAuthenticationToken token = converter.convert(request);
      return token != null && manager.authenticate(token).isAuthenticated();
    } catch (AuthenticationException e) {
      return false;
    }
  }
}
