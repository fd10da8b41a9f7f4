from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from boards.models import Board


def home(request: HttpRequest) -> HttpResponse:
    boards = Board.objects.all()
    return render(request, "meetings/home.html", {"boards": boards})
