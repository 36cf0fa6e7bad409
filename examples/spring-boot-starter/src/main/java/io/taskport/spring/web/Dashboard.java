package io.taskport.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator dashboard: the page at {@value #PAGE}/ (static resources of this jar) and the JSON
 * API at {@code {base}/admin/**}, both behind {@link DashboardGuard} with the role {@code
 * taskport.web.dashboard.role}. Off with {@code taskport.web.dashboard.enabled=false}: then
 * every dashboard path answers 404.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "taskport.web.dashboard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DashboardProperties.class)
@Import({AdminController.class, Dashboard.PageSettings.class})
class Dashboard implements WebMvcConfigurer {
  static final String PAGE = "/taskport/admin";

  @Bean
  FilterRegistrationBean<DashboardGuard> taskportDashboardGuard(
      DashboardProperties dashboard, @Value(Paths.BASE) String base) {
    FilterRegistrationBean<DashboardGuard> r =
        new FilterRegistrationBean<>(new DashboardGuard(dashboard.getRole()));
    r.addUrlPatterns(PAGE, PAGE + "/*", base + "/admin", base + "/admin/*");
    r.setName("taskportDashboardGuard");
    return r;
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController(PAGE, PAGE + "/index.html");
    registry.addRedirectViewController(PAGE + "/", PAGE + "/index.html");
  }

  /** With the dashboard off, its page (static files of this jar) answers 404 as well. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "taskport.web.dashboard.enabled", havingValue = false)
  static class Off {
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> taskportDashboardOff() {
      OncePerRequestFilter notFound =
          new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(
                HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException {
              response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
          };
      FilterRegistrationBean<OncePerRequestFilter> r = new FilterRegistrationBean<>(notFound);
      r.addUrlPatterns(PAGE, PAGE + "/*");
      r.setName("taskportDashboardOff");
      return r;
    }
  }

  /** Tells the page where its API is. */
  @RestController
  static class PageSettings {
    private final String base;

    PageSettings(@Value(Paths.BASE) String base) {
      this.base = base;
    }

    @GetMapping(PAGE + "/settings.json")
    Map<String, String> settings() {
      return Map.of("api", base + "/admin");
    }
  }
}
