control "tabs" {
	title	=	"tabs"
	sql = "select 1"	
}

control "mixed" {
	  title = "mixed"   
  	sql = "select 1"
}

query "compact" {title="Compact"
sql="SELECT 1"}

control "cr" {
  title = "lone CR"
  sql = "select 1"
}

control    "spaced"     {

  title    =    "spaced"


}

control "trailing_blanks" {   
  title = "t"   
}   

