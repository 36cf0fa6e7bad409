package io.taskport.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Fills {@link Owner} parameters from the {@link OwnerResolver}; none means 401. */
final class OwnerArguments implements HandlerMethodArgumentResolver {
  private final OwnerResolver owners;

  OwnerArguments(OwnerResolver owners) {
    this.owners = owners;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Owner.class;
  }

  @Override
  public Owner resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    String name = request == null ? null : owners.owner(request);
    if (name == null || name.isEmpty()) {
      throw new NotSignedInException();
    }
    return new Owner(name);
  }

  /** The request has no owner. */
  static final class NotSignedInException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotSignedInException() {
      super("not signed in", null, false, false);
    }
  }
}
