package io.taskport.examples.web;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator dashboard: the page at {@value #PAGE}/ and the JSON API at {@code
 * {base}/admin/**}, both behind {@link DashboardGuard} with the role {@code
 * taskport.web.dashboard.role} ({@value #DEFAULT_ROLE} by default).
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfig implements WebMvcConfigurer {
  static final String PAGE = "/taskport/admin";
  static final String DEFAULT_ROLE = "TASKPORT_ADMIN";

  @Bean
  FilterRegistrationBean<DashboardGuard> dashboardGuard(
      @Value("${taskport.web.dashboard.role:" + DEFAULT_ROLE + "}") String role,
      @Value("${taskport.web.base-path:/api}") String base) {
    FilterRegistrationBean<DashboardGuard> r = new FilterRegistrationBean<>(new DashboardGuard(role));
    r.addUrlPatterns(PAGE, PAGE + "/*", base + "/admin", base + "/admin/*");
    r.setName("taskportDashboardGuard");
    return r;
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController(PAGE, PAGE + "/index.html");
    registry.addRedirectViewController(PAGE + "/", PAGE + "/index.html");
  }

  /** Tells the page where its API is. */
  @RestController
  static class PageSettings {
    private final String base;

    PageSettings(@Value("${taskport.web.base-path:/api}") String base) {
      this.base = base;
    }

    @GetMapping(PAGE + "/settings.json")
    Map<String, String> settings() {
      return Map.of("api", base + "/admin");
    }
  }
}
