from regiodeal.core.pagination import BoundedPaginator


def test_counts_and_pages_only_up_to_the_bound():
    paginator = BoundedPaginator(list(range(25)), 4, max_rows=10)
    assert paginator.count == 11 and not paginator.count_is_exact
    assert paginator.num_pages == 3
    assert list(paginator.page(3)) == [8, 9]  # never past the bound
    assert not paginator.page(3).has_next()


def test_a_short_list_is_counted_exactly():
    paginator = BoundedPaginator(list(range(7)), 4, max_rows=10)
    assert paginator.count == 7 and paginator.count_is_exact
    assert list(paginator.page(2)) == [4, 5, 6]
