from django.http import HttpRequest, HttpResponse, JsonResponse


def thing_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("things")


def thing_api(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"results": []})
