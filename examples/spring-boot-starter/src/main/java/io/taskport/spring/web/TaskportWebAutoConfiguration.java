package io.taskport.spring.web;

import io.taskport.TaskManager;
import io.taskport.spring.boot.TaskportAutoConfiguration;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the Taskport REST and SSE endpoints under {@code taskport.web.base-path} in a servlet
 * application that has a {@link TaskManager}; off with {@code taskport.web.enabled=false}. The
 * owner of every call comes from the {@link OwnerResolver} bean, by default Spring Security's
 * authenticated principal; with neither, the application does not start. The operator dashboard
 * (page at {@code /taskport/admin/}, API at {@code {base}/admin}) is served too, to holders of
 * the role {@code taskport.web.dashboard.role} only.
 */
@AutoConfiguration(after = TaskportAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "taskport.web.enabled", matchIfMissing = true)
@ConditionalOnBean(TaskManager.class)
@EnableConfigurationProperties(TaskportWebProperties.class)
@Import({
  TaskportWebAutoConfiguration.SecurityOwner.class,
  TaskportWebAutoConfiguration.NoOwner.class,
  DownloadLinks.class,
  Problems.class,
  SubmitController.class,
  TaskController.class,
  TaskEvents.class,
  UserEvents.class,
  LinkController.class,
  LegacyController.class,
  MeController.class,
  Dashboard.class,
  Dashboard.Off.class
})
public final class TaskportWebAutoConfiguration {
  static final String SECURITY = "org.springframework.security.core.context.SecurityContextHolder";

  /** Creates the auto-configuration; called by Spring. */
  public TaskportWebAutoConfiguration() {}

  @Bean
  SseThreads taskportSseThreads() {
    return new SseThreads();
  }

  @Bean
  StreamCount taskportStreamCount(TaskportWebProperties web) {
    return new StreamCount(web.getMaxStreamsPerUser());
  }

  /** Leaves Taskport's uploads to {@link MultipartUpload}, whatever multipart resolver the host has. */
  @Bean
  static BeanPostProcessor taskportUploadResolver(Environment env) {
    return UploadRequests.resolverSkipping(
        env.getProperty("taskport.web.base-path", TaskportWebProperties.DEFAULT_BASE_PATH));
  }

  /** Problem bodies for the errors no Taskport controller sees; runs before Spring Security. */
  @Bean
  FilterRegistrationBean<ErrorProblems> taskportErrorProblems(TaskportWebProperties web) {
    FilterRegistrationBean<ErrorProblems> r =
        new FilterRegistrationBean<>(new ErrorProblems(web.getBasePath()));
    r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
    return r;
  }

  @Bean
  Outages taskportOutages() {
    return new Outages();
  }

  @Bean
  WebMvcConfigurer taskportWebMvc(OwnerResolver owners, Outages outages, TaskportWebProperties web) {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new OwnerArguments(owners));
      }

      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(outages).addPathPatterns(web.getBasePath() + "/**");
      }
    };
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = SECURITY)
  static class SecurityOwner {
    @Bean
    @ConditionalOnMissingBean(OwnerResolver.class)
    OwnerResolver taskportOwnerResolver() {
      return new SecurityOwnerResolver();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass(SECURITY)
  static class NoOwner {
    @Bean
    @ConditionalOnMissingBean(OwnerResolver.class)
    OwnerResolver taskportOwnerResolver() {
      throw new IllegalStateException(
          "the Taskport web layer needs to know who owns each request's tasks: add Spring Security"
              + " (org.springframework.boot:spring-boot-starter-security) or define an"
              + " OwnerResolver bean; or turn the web layer off with taskport.web.enabled=false");
    }
  }
}
