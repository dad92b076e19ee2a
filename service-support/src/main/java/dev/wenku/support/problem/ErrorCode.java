package dev.wenku.support.problem;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The catalogue of every error the platform answers with: services, gateway and web UI use these codes and nothing
 * else, so a client can rely on them (the {@code error} member of each problem document) and the UI shows the
 * server's own title instead of keeping a second list. Each code has its HTTP status and a title in English and in
 * Chinese; the title depends on the request's {@code Accept-Language}, the code never does. {@code docs/errors.md}
 * is generated from this list.
 */
public enum ErrorCode {

    EMPTY_BODY(HttpStatus.BAD_REQUEST, "The text is empty", "正文为空"),
    EMPTY_FILE(HttpStatus.BAD_REQUEST, "The file is empty or holds no text", "文件为空或其中没有文字"),
    MISSING_BODY(HttpStatus.BAD_REQUEST, "The request needs a body", "请求缺少内容"),
    MISSING_TITLE(HttpStatus.BAD_REQUEST, "The document needs a title", "缺少标题"),
    MISSING_FILE(HttpStatus.BAD_REQUEST, "The multipart request has no file part", "请求中没有文件"),
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "The body is not valid JSON of the expected shape", "请求格式有误"),
    MALFORMED_MULTIPART(HttpStatus.BAD_REQUEST, "The multipart request cannot be read", "文件上传请求无法读取"),
    MALFORMED_FILE(HttpStatus.BAD_REQUEST, "The file is corrupt or truncated", "文件已损坏或不完整"),
    UNDECODABLE_TEXT(HttpStatus.BAD_REQUEST, "The text is in no supported encoding", "无法识别文本的编码"),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "A request parameter is invalid", "请求参数有误"),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "The request is invalid", "请求有误"),
    MISSING_CREDENTIALS(HttpStatus.BAD_REQUEST, "User name and password are needed", "请输入用户名和密码"),
    MISSING_QUERY(HttpStatus.BAD_REQUEST, "The query is empty", "请输入检索词"),
    MALFORMED_QUERY(HttpStatus.BAD_REQUEST, "The query cannot be read", "检索式有误"),
    QUERY_TOO_LONG(HttpStatus.BAD_REQUEST, "The query is too long", "检索词过长"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Log in first", "请先登录"),
    BAD_CREDENTIALS(HttpStatus.UNAUTHORIZED, "The credentials were not accepted", "用户名或密码不正确"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "The account lacks the role this needs", "当前账号没有执行此操作的权限"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found", "未找到"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "The method is not supported here", "不支持该请求方法"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "No representation matches the Accept header", "无法提供所请求的格式"),
    CONFLICT(HttpStatus.CONFLICT, "Another operation of this kind is running", "操作冲突，请稍后再试"),
    PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "The document changed since you read it",
        "文档在您读取之后已被修改"),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The text is larger than allowed", "文本超过大小上限"),
    FILE_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than allowed", "文件超过大小上限"),
    DOCUMENT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "A document is larger than allowed", "文档超过大小上限"),
    REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The request is larger than allowed", "请求超过大小上限"),
    UNSUPPORTED_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The file type is not supported", "不支持的文件类型"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The Content-Type is not supported", "不支持的内容类型"),
    UNPROCESSABLE_FILE(HttpStatus.UNPROCESSABLE_CONTENT, "The file cannot be read within the time and memory bounds",
        "文件无法在限定的时间和内存内解析"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", "请求过于频繁，请稍后再试"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side", "服务器内部错误"),
    KAFKA_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Nothing was accepted: Kafka is unavailable; retry later",
        "消息系统暂不可用，本次提交未被接受，可以安全重试"),
    DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Nothing was stored: the database is unavailable; retry later",
        "数据库暂不可用，本次提交未被保存，可以安全重试"),
    EXTRACTION_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Nothing was stored: every file reader is busy; retry later",
        "文件解析繁忙，本次提交未被保存，可以稍后重试"),
    SEARCH_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Search is unavailable right now", "检索服务暂不可用，请稍后重试"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The service is not answering right now", "服务暂不可用，请稍后重试");

    private final HttpStatus status;
    private final String title;
    private final String titleZh;

    ErrorCode(HttpStatus status, String title, String titleZh) {
        this.status = status;
        this.title = title;
        this.titleZh = titleZh;
    }

    /** The code clients see, in lower snake case ({@code undecodable_text}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public HttpStatus status() {
        return status;
    }

    /** The title in Chinese when the caller prefers it, otherwise in English. */
    public String title(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? titleZh : title;
    }

    /** The problem type URI of this code. */
    public String type() {
        return "urn:wenku:error:" + code();
    }

    /**
     * Whether the caller may retry the same request unchanged later; such answers carry {@code Retry-After}.
     */
    public boolean retryable() {
        return status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.TOO_MANY_REQUESTS;
    }
}
