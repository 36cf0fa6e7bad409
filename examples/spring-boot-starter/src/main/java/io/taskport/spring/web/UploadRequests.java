package io.taskport.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Keeps the servlet container's and Spring's multipart handling away from Taskport's uploads,
 * which {@link MultipartUpload} reads straight from the body: the application's multipart
 * resolver leaves them unresolved, and their request parameters are those of the query string
 * only, so that no filter that asks for a parameter makes the container parse the body. Every
 * other multipart request of the application is handled as before.
 */
final class UploadRequests {
  private UploadRequests() {}

  /** Whether the request is a Taskport upload: a multipart POST to {@code {base}/imports}. */
  static boolean isUpload(HttpServletRequest request, String base) {
    if (!"POST".equals(request.getMethod())) {
      return false;
    }
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals(base + "/imports") || path.equals(base + "/imports/");
  }

  /** Wraps the application's {@code multipartResolver} so that it skips Taskport's uploads. */
  static BeanPostProcessor resolverSkipping(String base) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof MultipartResolver resolver && !(bean instanceof Skipping)) {
          return new Skipping(resolver, base);
        }
        return bean;
      }
    };
  }

  /** The request as Taskport's upload endpoint sees it: parameters from the query string only. */
  static HttpServletRequest queryParametersOnly(HttpServletRequest request) {
    return new QueryOnly(request);
  }

  private record Skipping(MultipartResolver delegate, String base) implements MultipartResolver {
    @Override
    public boolean isMultipart(HttpServletRequest request) {
      return !isUpload(request, base) && delegate.isMultipart(request);
    }

    @Override
    public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request)
        throws MultipartException {
      return delegate.resolveMultipart(request);
    }

    @Override
    public void cleanupMultipart(MultipartHttpServletRequest request) {
      delegate.cleanupMultipart(request);
    }
  }

  private static final class QueryOnly extends HttpServletRequestWrapper {
    private final Map<String, String[]> params;

    QueryOnly(HttpServletRequest request) {
      super(request);
      Map<String, String[]> p = new LinkedHashMap<>();
      String query = request.getQueryString();
      if (query != null) {
        UriComponentsBuilder.newInstance()
            .query(query)
            .build()
            .getQueryParams()
            .forEach(
                (k, v) ->
                    p.put(
                        decode(k),
                        v.stream().map(s -> s == null ? "" : decode(s)).toArray(String[]::new)));
      }
      this.params = Collections.unmodifiableMap(p);
    }

    private static String decode(String s) {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public @Nullable String getParameter(String name) {
      String[] v = params.get(name);
      return v == null || v.length == 0 ? null : v[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return params;
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(params.keySet());
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
      return params.get(name);
    }

    @Override
    public Collection<Part> getParts() {
      return List.of();
    }

    @Override
    public @Nullable Part getPart(String name) {
      return null;
    }
  }
}
